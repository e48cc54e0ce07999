// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";

/// @title Role checks against the platform's single AccessControl authority.
/// @dev The authority is an immutable of the implementation contract, so every EIP-1167 clone of it shares the
/// authority without spending storage on it.
abstract contract PlatformAuthorized {
    /// @notice The contract whose roles authorise privileged calls.
    IAccessControl public immutable authority;

    /// @notice The caller lacks `role` on the platform authority.
    error MissingPlatformRole(address account, bytes32 role);
    /// @notice An address argument that must be set was zero.
    error ZeroAddress();

    constructor(IAccessControl authority_) {
        if (address(authority_) == address(0)) revert ZeroAddress();
        authority = authority_;
    }

    modifier onlyPlatformRole(bytes32 role) {
        _checkPlatformRole(role, msg.sender);
        _;
    }

    function _checkPlatformRole(bytes32 role, address account) internal view {
        if (!authority.hasRole(role, account)) revert MissingPlatformRole(account, role);
    }
}
