// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title A mintable 6-decimals stablecoin for local chains only.
contract TestStablecoin is ERC20, AccessControl {
    /// @notice May mint.
    bytes32 public constant MINTER_ROLE = keccak256("cadenza.role.MINTER");

    /// @param admin Receives DEFAULT_ADMIN_ROLE and MINTER_ROLE.
    constructor(address admin) ERC20("Cadenza Test USD", "tUSD") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, admin);
    }

    /// @notice Mints `amount` base units to `to`. Only MINTER_ROLE. Emits Transfer.
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mint(to, amount);
    }

    /// @notice 6, like USDC.
    function decimals() public pure override returns (uint8) {
        return 6;
    }
}
