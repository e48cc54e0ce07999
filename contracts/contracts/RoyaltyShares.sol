// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC20Upgradeable} from "@openzeppelin/contracts-upgradeable/token/ERC20/ERC20Upgradeable.sol";
import {PausableUpgradeable} from "@openzeppelin/contracts-upgradeable/utils/PausableUpgradeable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {PlatformAuthorized} from "./access/PlatformAuthorized.sol";
import {PlatformRoles} from "./access/PlatformRoles.sol";

/// @title The share token of one offering: whole shares of a master's royalties, paid in an ERC-20 payout token.
/// @notice Dividends use a points-per-share accumulator (ERC-1726 / ERC-2222 technique) counted in whole payout
/// units per share: `distribute` is O(1) whatever the number of holders, transfers carry each side's correction so
/// that what a holder had earned stays with it, and the rounding remainder of a distribution is carried into the
/// next one. Hence, exactly: Σ claimed + Σ claimable + carriedRemainder == totalDistributed.
/// Dividends earned by unsold shares (held by the offering's sale) belong to the artist's treasury, which owns them
/// economically: claiming for the sale pays the treasury, so that no payout unit ends at the sale, which cannot
/// spend it.
/// @dev Deployed once as an implementation and used through EIP-1167 clones created by the OfferingFactory.
contract RoyaltyShares is ERC20Upgradeable, PausableUpgradeable, ReentrancyGuardTransient, PlatformAuthorized {
    using SafeERC20 for IERC20;

    /// @notice Most shares an offering may have; keeps every product below in range without checks on the hot path.
    uint256 public constant TOTAL_SHARES_MAX = type(uint64).max;
    /// @notice Most wallets one setVerifiedBatch call may change.
    uint256 public constant VERIFY_BATCH_MAX = 256;

    /// @dev One storage slot, read once per transfer. `initialised` keeps the slot non-zero from the start, so that
    /// the first distribution does not pay for a zero-to-non-zero store.
    struct Accumulator {
        uint112 unitsPerShare; // payout units earned by one share since launch; <= totalDistributed < 2^96
        uint64 carriedRemainder; // payout units not yet divisible among all shares; < totalSupply
        uint64 distributionCount;
        bool transfersRestricted;
        bool initialised;
    }

    /// @dev One storage slot per holder. `known` is set on a holder's first receipt of shares, so every later
    /// correction update (transfer, claim) is a non-zero to non-zero store: the one-time cost lands on the first
    /// purchase instead of on the first claim and on both sides of the first transfer after a distribution.
    struct Holder {
        int240 correction; // payout units added to (unitsPerShare * balance), net of claims
        bool verified;
        bool known;
    }

    IERC20 private _payoutToken;
    uint96 private _totalDistributed;
    Accumulator private _accumulator;
    mapping(address holder => Holder) private _holders;
    /// @dev The offering's sale, whose dividends are paid to `_treasury` (the artist's wallet).
    address private _sale;
    address private _treasury;

    /// @notice Royalties of `amount` payout units were distributed; each share earned `unitsPerShareAdded`, and
    /// `carriedRemainder` units wait for the next distribution.
    event Distributed(
        uint256 indexed distributionId, uint256 amount, uint256 unitsPerShareAdded, uint256 carriedRemainder
    );
    /// @notice `amount` payout units earned by `holder` were paid: to `holder`, or to the treasury when `holder` is
    /// the offering's sale.
    event Claimed(address indexed holder, uint256 amount);
    /// @notice `wallet` was marked verified or not, for restricted transfers.
    event WalletVerificationChanged(address indexed wallet, bool verified);

    /// @notice Total shares was zero or above TOTAL_SHARES_MAX.
    error InvalidTotalShares(uint256 totalShares);
    /// @notice The amount was zero.
    error ZeroAmount();
    /// @notice `holder` has nothing to claim.
    error NothingToClaim(address holder);
    /// @notice Transfers are restricted and `wallet` is not verified.
    error WalletNotVerified(address wallet);
    /// @notice A batch was empty or longer than VERIFY_BATCH_MAX.
    error InvalidBatchLength(uint256 length);

    /// @param authority_ The platform's role authority (the MasterRegistry).
    constructor(IAccessControl authority_) PlatformAuthorized(authority_) {
        _disableInitializers();
    }

    /// @notice Sets up a clone and mints the whole fixed supply to the sale. Called once, by the factory.
    /// @param name_ Token name.
    /// @param symbol_ Token symbol.
    /// @param totalShares Fixed supply, in whole shares.
    /// @param payoutToken_ ERC-20 in which dividends are paid. Must not take fees on transfer.
    /// @param sale_ The offering's ShareSale, which holds the shares until sold.
    /// @param treasury_ The artist's wallet, which receives unsold shares.
    /// @param transfersRestricted_ Whether both sides of every transfer must be verified wallets.
    function initialize(
        string calldata name_,
        string calldata symbol_,
        uint256 totalShares,
        IERC20 payoutToken_,
        address sale_,
        address treasury_,
        bool transfersRestricted_
    ) external initializer {
        if (totalShares == 0 || totalShares > TOTAL_SHARES_MAX) revert InvalidTotalShares(totalShares);
        if (address(payoutToken_) == address(0) || sale_ == address(0) || treasury_ == address(0)) revert ZeroAddress();
        __ERC20_init(name_, symbol_);
        __Pausable_init();
        _payoutToken = payoutToken_;
        _accumulator = Accumulator({
            unitsPerShare: 0,
            carriedRemainder: 0,
            distributionCount: 0,
            transfersRestricted: transfersRestricted_,
            initialised: true
        });
        _sale = sale_;
        _treasury = treasury_;
        if (transfersRestricted_) {
            _setVerified(sale_, true);
            _setVerified(treasury_, true);
        }
        _mint(sale_, totalShares);
    }

    /// @notice Shares are whole.
    function decimals() public pure override returns (uint8) {
        return 0;
    }

    /// @notice Distributes `amount` payout units, pulled from the caller, to all share holders pro rata.
    /// @dev Only DISTRIBUTOR; not while paused. O(1). Emits Distributed.
    /// @return distributionId Sequence number of this distribution, from 1.
    function distribute(uint256 amount)
        external
        onlyPlatformRole(PlatformRoles.DISTRIBUTOR)
        whenNotPaused
        nonReentrant
        returns (uint256 distributionId)
    {
        if (amount == 0) revert ZeroAmount();
        Accumulator memory accumulator = _accumulator;
        uint256 pool = amount + accumulator.carriedRemainder;
        uint256 supply = totalSupply();
        uint256 unitsPerShareAdded = pool / supply;
        uint64 carried = uint64(pool % supply); // < supply <= TOTAL_SHARES_MAX
        accumulator.unitsPerShare = SafeCast.toUint112(accumulator.unitsPerShare + unitsPerShareAdded);
        accumulator.carriedRemainder = carried;
        distributionId = ++accumulator.distributionCount;
        _accumulator = accumulator;
        _totalDistributed = SafeCast.toUint96(_totalDistributed + amount);
        emit Distributed(distributionId, amount, unitsPerShareAdded, carried);
        _payoutToken.safeTransferFrom(msg.sender, address(this), amount);
    }

    /// @notice Pays the caller everything it can claim. Not while paused. Emits Claimed.
    /// @return amount Payout units paid.
    function claim() external whenNotPaused nonReentrant returns (uint256 amount) {
        return _claim(msg.sender);
    }

    /// @notice Pays `holder` everything it can claim; anyone may call, and the funds always go to `holder`, except
    /// that what the offering's sale earned (on unsold shares) goes to the artist's treasury.
    /// @dev Lets the platform claim for custodial holders, and for the sale. Not while paused. Emits Claimed.
    /// @return amount Payout units paid.
    function claimFor(address holder) external whenNotPaused nonReentrant returns (uint256 amount) {
        return _claim(holder);
    }

    /// @notice Marks `wallet` verified or not for restricted transfers. Only COMPLIANCE. Emits WalletVerificationChanged.
    function setVerified(address wallet, bool verified) external onlyPlatformRole(PlatformRoles.COMPLIANCE) {
        _setVerified(wallet, verified);
    }

    /// @notice Marks each of `wallets` verified or not. Only COMPLIANCE; at most VERIFY_BATCH_MAX wallets.
    /// @dev Emits WalletVerificationChanged per wallet.
    function setVerifiedBatch(address[] calldata wallets, bool verified)
        external
        onlyPlatformRole(PlatformRoles.COMPLIANCE)
    {
        if (wallets.length == 0 || wallets.length > VERIFY_BATCH_MAX) revert InvalidBatchLength(wallets.length);
        for (uint256 i = 0; i < wallets.length; ++i) {
            _setVerified(wallets[i], verified);
        }
    }

    /// @notice Stops transfers, distributions and claims. Only PAUSER. Emits Paused.
    function pause() external onlyPlatformRole(PlatformRoles.PAUSER) {
        _pause();
    }

    /// @notice Resumes transfers, distributions and claims. Only PAUSER. Emits Unpaused.
    function unpause() external onlyPlatformRole(PlatformRoles.PAUSER) {
        _unpause();
    }

    /// @notice Payout units `holder` can claim now.
    function claimable(address holder) public view returns (uint256) {
        int256 earned = int256(uint256(_accumulator.unitsPerShare) * balanceOf(holder));
        return uint256(earned + _holders[holder].correction);
    }

    /// @notice Whether a transfer of `amount` from `from` to `to` would succeed now.
    function canTransfer(address from, address to, uint256 amount) external view returns (bool) {
        if (paused() || balanceOf(from) < amount || to == address(0)) return false;
        if (!_accumulator.transfersRestricted) return true;
        return _holders[from].verified && _holders[to].verified;
    }

    /// @notice Whether `wallet` is verified for restricted transfers.
    function isVerified(address wallet) external view returns (bool) {
        return _holders[wallet].verified;
    }

    /// @notice Where the dividends of unsold shares (those the offering's sale holds) are paid: the artist's wallet.
    function treasury() external view returns (address) {
        return _treasury;
    }

    /// @notice The ERC-20 in which dividends are paid.
    function payoutToken() external view returns (IERC20) {
        return _payoutToken;
    }

    /// @notice Sum of all amounts distributed, in payout units.
    function totalDistributed() external view returns (uint256) {
        return _totalDistributed;
    }

    /// @notice Payout units earned by one share since launch.
    function unitsPerShare() external view returns (uint256) {
        return _accumulator.unitsPerShare;
    }

    /// @notice Payout units held back from the last distribution because they did not divide among all shares.
    function carriedRemainder() external view returns (uint256) {
        return _accumulator.carriedRemainder;
    }

    /// @notice Number of distributions so far.
    function distributionCount() external view returns (uint256) {
        return _accumulator.distributionCount;
    }

    /// @notice Whether both sides of a transfer must be verified wallets.
    function transfersRestricted() external view returns (bool) {
        return _accumulator.transfersRestricted;
    }

    /// @dev The one override point for balance changes (mint at initialise, transfers): compliance and pause checks,
    /// then the dividend corrections that keep already-earned dividends with the sender.
    function _update(address from, address to, uint256 value) internal override {
        _requireNotPaused();
        Accumulator memory accumulator = _accumulator;
        Holder storage sender = _holders[from];
        Holder storage receiver = _holders[to];
        if (accumulator.transfersRestricted) {
            if (from != address(0) && !sender.verified) revert WalletNotVerified(from);
            if (to != address(0) && !receiver.verified) revert WalletNotVerified(to);
        }
        super._update(from, to, value);
        if (value == 0) return;
        // value <= TOTAL_SHARES_MAX < 2^64 and unitsPerShare < 2^112: the product fits in int240.
        int240 delta = int240(int256(uint256(accumulator.unitsPerShare) * value));
        if (from != address(0) && delta != 0) sender.correction += delta;
        if (to != address(0)) {
            Holder memory updated = receiver;
            updated.correction -= delta;
            updated.known = true;
            _holders[to] = updated;
        }
    }

    function _claim(address holder) private returns (uint256 amount) {
        amount = claimable(holder);
        if (amount == 0) revert NothingToClaim(holder);
        _holders[holder].correction -= SafeCast.toInt240(SafeCast.toInt256(amount));
        emit Claimed(holder, amount);
        _payoutToken.safeTransfer(holder == _sale ? _treasury : holder, amount);
    }

    function _setVerified(address wallet, bool verified) private {
        if (wallet == address(0)) revert ZeroAddress();
        _holders[wallet].verified = verified;
        emit WalletVerificationChanged(wallet, verified);
    }
}
