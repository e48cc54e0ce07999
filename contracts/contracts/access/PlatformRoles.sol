// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

/// @title Platform-wide role identifiers.
/// @notice Every privileged call in the suite is checked against one AccessControl authority (the MasterRegistry),
/// so a role is granted or revoked once for every offering instead of once per clone.
library PlatformRoles {
    /// @notice May register masters.
    bytes32 internal constant REGISTRAR = keccak256("cadenza.role.REGISTRAR");
    /// @notice May create offerings through the factory.
    bytes32 internal constant OFFERING_CREATOR = keccak256("cadenza.role.OFFERING_CREATOR");
    /// @notice May distribute royalties to share holders.
    bytes32 internal constant DISTRIBUTOR = keccak256("cadenza.role.DISTRIBUTOR");
    /// @notice May mark wallets as verified or not for restricted share tokens.
    bytes32 internal constant COMPLIANCE = keccak256("cadenza.role.COMPLIANCE");
    /// @notice May pause and unpause share tokens.
    bytes32 internal constant PAUSER = keccak256("cadenza.role.PAUSER");
    /// @notice May issue shares for purchases paid off-chain (card payments).
    bytes32 internal constant FIAT_AGENT = keccak256("cadenza.role.FIAT_AGENT");
    /// @notice May close a sale before its window ends.
    bytes32 internal constant SALE_MANAGER = keccak256("cadenza.role.SALE_MANAGER");
}
