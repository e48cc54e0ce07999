// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {Initializable} from "@openzeppelin/contracts/proxy/utils/Initializable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {PlatformAuthorized} from "./access/PlatformAuthorized.sol";
import {PlatformRoles} from "./access/PlatformRoles.sol";

/// @title The primary sale of one offering's shares.
/// @notice Sells shares at a fixed price in a payment token during a window (`buy`), issues shares paid by card
/// off-chain (`issue`, by the fiat agent, once per payment reference), and on `close` returns the unsold shares to
/// the artist's treasury. Proceeds go straight to the treasury: the sale never holds payment tokens.
/// @dev Deployed once as an implementation and used through EIP-1167 clones created by the OfferingFactory.
contract ShareSale is Initializable, ReentrancyGuardTransient, PlatformAuthorized {
    using SafeERC20 for IERC20;

    // Packed into three slots; the price shares a slot with the treasury.
    IERC20 private _shares;
    uint64 private _startsAt;
    bool private _closed;
    IERC20 private _paymentToken;
    uint64 private _endsAt;
    address private _treasury;
    uint96 private _pricePerShare;
    /// @notice Whether a card payment reference has already been used to issue shares.
    mapping(bytes32 paymentRef => bool used) public paymentRefUsed;

    /// @notice `buyer` bought `shareCount` shares for `cost` payment units.
    event SharesPurchased(address indexed buyer, uint256 shareCount, uint256 cost);
    /// @notice `shareCount` shares paid off-chain under `paymentRef` were issued to `to`.
    event SharesIssued(address indexed to, uint256 shareCount, bytes32 indexed paymentRef);
    /// @notice The sale closed and `unsoldShares` went back to the treasury.
    event SaleFinalized(uint256 unsoldShares);

    /// @notice The sale window has not opened yet.
    error SaleNotStarted(uint64 startsAt);
    /// @notice The sale window has ended.
    error SaleEnded(uint64 endsAt);
    /// @notice The sale is closed.
    error SaleAlreadyClosed();
    /// @notice The window is still open and the caller may not close the sale early.
    error SaleStillOpen(uint64 endsAt);
    /// @notice The share count was zero.
    error ZeroShares();
    /// @notice Fewer shares are left than requested.
    error InsufficientShares(uint256 requested, uint256 available);
    /// @notice The payment reference was zero.
    error ZeroPaymentRef();
    /// @notice The payment reference was already used to issue shares.
    error PaymentRefAlreadyUsed(bytes32 paymentRef);
    /// @notice The price was zero or the window empty.
    error InvalidTerms();

    /// @param authority_ The platform's role authority (the MasterRegistry).
    constructor(IAccessControl authority_) PlatformAuthorized(authority_) {
        _disableInitializers();
    }

    /// @notice Sets up a clone. Called once, by the factory.
    /// @param shares_ The offering's share token; this sale must hold its supply.
    /// @param paymentToken_ ERC-20 the shares are paid in.
    /// @param pricePerShare_ Price of one share in payment-token units.
    /// @param startsAt_ Opening time of the window (unix seconds, inclusive).
    /// @param endsAt_ End of the window (unix seconds, exclusive).
    /// @param treasury_ The artist's wallet: receives proceeds and unsold shares.
    function initialize(
        IERC20 shares_,
        IERC20 paymentToken_,
        uint96 pricePerShare_,
        uint64 startsAt_,
        uint64 endsAt_,
        address treasury_
    ) external initializer {
        if (address(shares_) == address(0) || address(paymentToken_) == address(0) || treasury_ == address(0)) {
            revert ZeroAddress();
        }
        if (pricePerShare_ == 0 || endsAt_ <= startsAt_) revert InvalidTerms();
        _shares = shares_;
        _startsAt = startsAt_;
        _paymentToken = paymentToken_;
        _endsAt = endsAt_;
        _treasury = treasury_;
        _pricePerShare = pricePerShare_;
    }

    /// @notice Buys `shareCount` shares for `shareCount * pricePerShare` payment units, paid from the caller to the
    /// treasury. The caller must have approved this sale, and be verified if the token restricts transfers.
    /// @dev Anyone, inside the window. Emits SharesPurchased.
    /// @return cost Payment units paid.
    function buy(uint256 shareCount) external nonReentrant returns (uint256 cost) {
        if (_closed) revert SaleAlreadyClosed();
        if (block.timestamp < _startsAt) revert SaleNotStarted(_startsAt);
        if (block.timestamp >= _endsAt) revert SaleEnded(_endsAt);
        _requireAvailable(shareCount);
        cost = shareCount * _pricePerShare;
        emit SharesPurchased(msg.sender, shareCount, cost);
        _paymentToken.safeTransferFrom(msg.sender, _treasury, cost);
        _shares.safeTransfer(msg.sender, shareCount);
    }

    /// @notice Issues `shareCount` shares, paid by card off-chain under `paymentRef`, to `to`.
    /// @dev Only FIAT_AGENT, until the sale is closed (a payment taken inside the window may settle after it).
    /// Each payment reference issues once. Emits SharesIssued.
    function issue(address to, uint256 shareCount, bytes32 paymentRef)
        external
        onlyPlatformRole(PlatformRoles.FIAT_AGENT)
        nonReentrant
    {
        if (_closed) revert SaleAlreadyClosed();
        if (paymentRef == bytes32(0)) revert ZeroPaymentRef();
        if (paymentRefUsed[paymentRef]) revert PaymentRefAlreadyUsed(paymentRef);
        _requireAvailable(shareCount);
        paymentRefUsed[paymentRef] = true;
        emit SharesIssued(to, shareCount, paymentRef);
        _shares.safeTransfer(to, shareCount);
    }

    /// @notice Closes the sale and returns the unsold shares to the treasury.
    /// @dev Anyone once the window has ended; SALE_MANAGER at any time. Emits SaleFinalized.
    function close() external nonReentrant {
        if (_closed) revert SaleAlreadyClosed();
        if (block.timestamp < _endsAt && !authority.hasRole(PlatformRoles.SALE_MANAGER, msg.sender)) {
            revert SaleStillOpen(_endsAt);
        }
        _closed = true;
        uint256 unsold = _shares.balanceOf(address(this));
        emit SaleFinalized(unsold);
        if (unsold != 0) _shares.safeTransfer(_treasury, unsold);
    }

    /// @notice Shares still for sale.
    function sharesAvailable() public view returns (uint256) {
        return _closed ? 0 : _shares.balanceOf(address(this));
    }

    /// @notice The share token sold.
    function shares() external view returns (IERC20) {
        return _shares;
    }

    /// @notice The ERC-20 the shares are paid in.
    function paymentToken() external view returns (IERC20) {
        return _paymentToken;
    }

    /// @notice Price of one share in payment-token units.
    function pricePerShare() external view returns (uint256) {
        return _pricePerShare;
    }

    /// @notice Opening time of the window (unix seconds, inclusive).
    function startsAt() external view returns (uint64) {
        return _startsAt;
    }

    /// @notice End of the window (unix seconds, exclusive).
    function endsAt() external view returns (uint64) {
        return _endsAt;
    }

    /// @notice The artist's wallet, which receives proceeds and unsold shares.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice Whether the sale is closed.
    function closed() external view returns (bool) {
        return _closed;
    }

    function _requireAvailable(uint256 shareCount) private view {
        if (shareCount == 0) revert ZeroShares();
        uint256 available = _shares.balanceOf(address(this));
        if (shareCount > available) revert InsufficientShares(shareCount, available);
    }
}
