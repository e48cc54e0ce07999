// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test baseline for gas: a plain OpenZeppelin ERC-20 with whole shares.
contract PlainShareToken is ERC20 {
    constructor(uint256 supply) ERC20("Plain", "PLN") {
        _mint(msg.sender, supply);
    }

    function decimals() public pure override returns (uint8) {
        return 0;
    }
}
