// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Clones} from "@openzeppelin/contracts/proxy/Clones.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC721} from "@openzeppelin/contracts/token/ERC721/IERC721.sol";
import {PlatformAuthorized} from "./access/PlatformAuthorized.sol";
import {PlatformRoles} from "./access/PlatformRoles.sol";
import {RoyaltyShares} from "./RoyaltyShares.sol";
import {ShareSale} from "./ShareSale.sol";

/// @title Creates an offering's share token and sale as EIP-1167 clones, in one transaction.
/// @notice The artist's treasury is the owner of the master's token at creation time.
contract OfferingFactory is PlatformAuthorized {
    /// @notice Implementation cloned for each offering's shares.
    address public immutable sharesImplementation;
    /// @notice Implementation cloned for each offering's sale.
    address public immutable saleImplementation;
    /// @notice The master registry; offerings are made only for registered masters.
    IERC721 public immutable registry;

    /// @notice Terms of a new offering.
    struct OfferingTerms {
        uint256 masterId;
        string name;
        string symbol;
        uint64 totalShares;
        IERC20 payoutToken;
        IERC20 paymentToken;
        uint96 pricePerShare;
        uint64 startsAt;
        uint64 endsAt;
        bool transfersRestricted;
    }

    /// @notice An offering was created for master `masterId`.
    event OfferingCreated(
        uint256 indexed masterId,
        address indexed shares,
        address indexed sale,
        address treasury,
        address payoutToken,
        address paymentToken,
        uint256 totalShares,
        uint256 pricePerShare,
        uint64 startsAt,
        uint64 endsAt,
        bool transfersRestricted
    );

    /// @param authority_ The platform's role authority (the MasterRegistry).
    /// @param sharesImplementation_ A RoyaltyShares implementation.
    /// @param saleImplementation_ A ShareSale implementation.
    /// @param registry_ The master registry.
    constructor(
        IAccessControl authority_,
        address sharesImplementation_,
        address saleImplementation_,
        IERC721 registry_
    ) PlatformAuthorized(authority_) {
        if (sharesImplementation_ == address(0) || saleImplementation_ == address(0) || address(registry_) == address(0))
        {
            revert ZeroAddress();
        }
        sharesImplementation = sharesImplementation_;
        saleImplementation = saleImplementation_;
        registry = registry_;
    }

    /// @notice Creates the share token and the sale of a new offering.
    /// @dev Only OFFERING_CREATOR. Reverts for an unregistered master. Emits OfferingCreated.
    /// @return shares The new RoyaltyShares clone.
    /// @return sale The new ShareSale clone, holding the whole supply.
    function createOffering(OfferingTerms calldata terms)
        external
        onlyPlatformRole(PlatformRoles.OFFERING_CREATOR)
        returns (address shares, address sale)
    {
        address treasury = registry.ownerOf(terms.masterId);
        shares = Clones.clone(sharesImplementation);
        sale = Clones.clone(saleImplementation);
        RoyaltyShares(shares).initialize(
            terms.name, terms.symbol, terms.totalShares, terms.payoutToken, sale, treasury, terms.transfersRestricted
        );
        ShareSale(sale).initialize(
            IERC20(shares), terms.paymentToken, terms.pricePerShare, terms.startsAt, terms.endsAt, treasury
        );
        emit OfferingCreated(
            terms.masterId,
            shares,
            sale,
            treasury,
            address(terms.payoutToken),
            address(terms.paymentToken),
            terms.totalShares,
            terms.pricePerShare,
            terms.startsAt,
            terms.endsAt,
            terms.transfersRestricted
        );
    }
}
