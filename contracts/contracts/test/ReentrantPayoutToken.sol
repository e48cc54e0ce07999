// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test double: a payout token that calls back into the share token while paying out, to prove that
/// claims and distributions cannot be re-entered.
contract ReentrantPayoutToken is ERC20 {
    address public target;
    bytes public reentryCall;

    constructor() ERC20("Reentrant", "RE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata reentryCall_) external {
        target = target_;
        reentryCall = reentryCall_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address armedTarget = target;
        if (armedTarget != address(0) && (from == armedTarget || to == armedTarget)) {
            target = address(0);
            (bool ok, bytes memory returned) = armedTarget.call(reentryCall);
            if (!ok) {
                assembly {
                    revert(add(returned, 32), mload(returned))
                }
            }
        }
    }
}
