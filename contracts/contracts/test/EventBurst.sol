// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IShareSaleBuy {
    function buy(uint256 shareCount) external returns (uint256 cost);
}

interface IRoyaltySharesClaim {
    function claimFor(address holder) external returns (uint256 amount);
}

/// @title EventBurst
/// @notice Benchmark tooling, never deployed outside a dev chain: many share events per transaction, so that a chain
/// of hundreds of thousands of indexer events is mined in a minute instead of an hour of one-event transactions.
contract EventBurst {
    /// @notice Buys `sharesEach` shares `times` times from `sale`, paying with this contract's `paymentToken`.
    function buyMany(address sale, IERC20 paymentToken, uint256 times, uint256 sharesEach, uint256 costEach) external {
        paymentToken.approve(sale, times * costEach);
        for (uint256 i = 0; i < times; ++i) {
            IShareSaleBuy(sale).buy(sharesEach);
        }
    }

    /// @notice Sends one share of `shares` to each of the recipients `first..first+count-1` of `seed`.
    function scatter(IERC20 shares, bytes32 seed, uint256 first, uint256 count) external {
        for (uint256 i = first; i < first + count; ++i) {
            shares.transfer(recipient(seed, i), 1);
        }
    }

    /// @notice Claims for each of the recipients `first..first+count-1` of `seed`.
    function claimMany(address shares, bytes32 seed, uint256 first, uint256 count) external {
        for (uint256 i = first; i < first + count; ++i) {
            IRoyaltySharesClaim(shares).claimFor(recipient(seed, i));
        }
    }

    /// @notice The `index`-th recipient address derived from `seed`.
    function recipient(bytes32 seed, uint256 index) public pure returns (address) {
        return address(uint160(uint256(keccak256(abi.encode(seed, index)))));
    }
}
