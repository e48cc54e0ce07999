import { expect } from "chai";
import { ethers, networkHelpers, deploySuite, createOffering, buyShares, distribute, ROLE, USD } from "./fixtures.js";

/** 100 shares: investor 0 holds 60, investor 1 holds 30, the sale keeps 10. */
async function heldOffering() {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { totalShares: 100n, pricePerShare: 1n });
  await buyShares(suite, offering.sale, suite.investors[0], 60n);
  await buyShares(suite, offering.sale, suite.investors[1], 30n);
  return { ...suite, ...offering };
}

async function restrictedHeldOffering() {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { totalShares: 100n, pricePerShare: 1n, transfersRestricted: true });
  await offering.shares.connect(suite.platform).setVerifiedBatch([suite.investors[0].address, suite.investors[1].address], true);
  await buyShares(suite, offering.sale, suite.investors[0], 60n);
  return { ...suite, ...offering };
}

describe("RoyaltyShares", () => {
  describe("distribute", () => {
    it("credits every holder pro rata and emits Distributed", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await expect(distribute(s, s.shares, USD(100)))
        .to.emit(s.shares, "Distributed").withArgs(1n, USD(100), USD(1), 0n);
      expect(await s.shares.claimable(s.investors[0].address)).to.equal(USD(60));
      expect(await s.shares.claimable(s.investors[1].address)).to.equal(USD(30));
      expect(await s.shares.claimable(await s.sale.getAddress())).to.equal(USD(10));
      expect(await s.shares.totalDistributed()).to.equal(USD(100));
      expect(await s.shares.distributionCount()).to.equal(1n);
    });

    it("carries the remainder that does not divide into the next distribution", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await expect(distribute(s, s.shares, 250n)).to.emit(s.shares, "Distributed").withArgs(1n, 250n, 2n, 50n);
      expect(await s.shares.carriedRemainder()).to.equal(50n);
      expect(await s.shares.claimable(s.investors[0].address)).to.equal(120n);
      await expect(distribute(s, s.shares, 50n)).to.emit(s.shares, "Distributed").withArgs(2n, 50n, 1n, 0n);
      expect(await s.shares.carriedRemainder()).to.equal(0n);
      expect(await s.shares.claimable(s.investors[0].address)).to.equal(180n);
      expect(await s.shares.unitsPerShare()).to.equal(3n);
    });

    it("carries a distribution smaller than the supply whole", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await distribute(s, s.shares, 99n);
      expect(await s.shares.carriedRemainder()).to.equal(99n);
      expect(await s.shares.claimable(s.investors[0].address)).to.equal(0n);
    });

    it("lets only DISTRIBUTOR distribute, rejects zero, and not while paused", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await expect(s.shares.connect(s.investors[0]).distribute(1n))
        .to.be.revertedWithCustomError(s.shares, "MissingPlatformRole").withArgs(s.investors[0].address, ROLE.DISTRIBUTOR);
      await expect(s.shares.connect(s.platform).distribute(0n)).to.be.revertedWithCustomError(s.shares, "ZeroAmount");
      await s.shares.connect(s.platform).pause();
      await expect(distribute(s, s.shares, 100n)).to.be.revertedWithCustomError(s.shares, "EnforcedPause");
    });

    it("fails whole when the distributor has not approved the amount", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await expect(s.shares.connect(s.platform).distribute(100n))
        .to.be.revertedWithCustomError(s.stablecoin, "ERC20InsufficientAllowance");
      expect(await s.shares.totalDistributed()).to.equal(0n);
    });
  });

  describe("claim", () => {
    it("pays the holder and leaves nothing to claim", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      const holder = s.investors[0];
      await distribute(s, s.shares, USD(100));
      const before = await s.stablecoin.balanceOf(holder.address);
      await expect(s.shares.connect(holder).claim()).to.emit(s.shares, "Claimed").withArgs(holder.address, USD(60));
      expect((await s.stablecoin.balanceOf(holder.address)) - before).to.equal(USD(60));
      expect(await s.shares.claimable(holder.address)).to.equal(0n);
      await expect(s.shares.connect(holder).claim())
        .to.be.revertedWithCustomError(s.shares, "NothingToClaim").withArgs(holder.address);
    });

    it("claimFor pays the holder, never the caller", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      const holder = s.investors[1];
      const caller = s.investors[5];
      await distribute(s, s.shares, USD(100));
      await expect(s.shares.connect(caller).claimFor(holder.address))
        .to.emit(s.shares, "Claimed").withArgs(holder.address, USD(30));
      expect(await s.stablecoin.balanceOf(caller.address)).to.equal(0n);
      expect(await s.stablecoin.balanceOf(holder.address)).to.equal(USD(30));
    });

    it("refuses claims while paused and resumes after unpause", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await distribute(s, s.shares, USD(100));
      await expect(s.shares.connect(s.platform).pause()).to.emit(s.shares, "Paused");
      await expect(s.shares.connect(s.investors[0]).claim()).to.be.revertedWithCustomError(s.shares, "EnforcedPause");
      await expect(s.shares.connect(s.investors[0]).claimFor(s.investors[1].address))
        .to.be.revertedWithCustomError(s.shares, "EnforcedPause");
      await s.shares.connect(s.platform).unpause();
      await s.shares.connect(s.investors[0]).claim();
    });
  });

  describe("transfers", () => {
    it("claimAfterTransferKeepsEarnedDividendsWithSeller", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      const [seller, buyer] = s.investors;
      await distribute(s, s.shares, USD(100));
      await s.shares.connect(seller).transfer(buyer.address, 60n);
      expect(await s.shares.claimable(seller.address)).to.equal(USD(60));
      expect(await s.shares.claimable(buyer.address)).to.equal(USD(30));
      await distribute(s, s.shares, USD(100));
      expect(await s.shares.claimable(seller.address)).to.equal(USD(60));
      expect(await s.shares.claimable(buyer.address)).to.equal(USD(30) + USD(90));
    });

    it("a self-transfer changes nothing", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      const holder = s.investors[0];
      await distribute(s, s.shares, USD(100));
      await s.shares.connect(holder).transfer(holder.address, 60n);
      expect(await s.shares.claimable(holder.address)).to.equal(USD(60));
    });

    it("refuses transfers while paused", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await s.shares.connect(s.platform).pause();
      await expect(s.shares.connect(s.investors[0]).transfer(s.investors[1].address, 1n))
        .to.be.revertedWithCustomError(s.shares, "EnforcedPause");
      expect(await s.shares.canTransfer(s.investors[0].address, s.investors[1].address, 1n)).to.equal(false);
    });

    it("lets only PAUSER pause and unpause", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      await expect(s.shares.connect(s.investors[0]).pause())
        .to.be.revertedWithCustomError(s.shares, "MissingPlatformRole").withArgs(s.investors[0].address, ROLE.PAUSER);
      await s.shares.connect(s.platform).pause();
      await expect(s.shares.connect(s.investors[0]).unpause()).to.be.revertedWithCustomError(s.shares, "MissingPlatformRole");
    });
  });

  describe("compliance", () => {
    it("restricts both sides of a transfer to verified wallets", async () => {
      const s = await networkHelpers.loadFixture(restrictedHeldOffering);
      const [holder, verified, stranger] = s.investors;
      await expect(s.shares.connect(holder).transfer(stranger.address, 1n))
        .to.be.revertedWithCustomError(s.shares, "WalletNotVerified").withArgs(stranger.address);
      expect(await s.shares.canTransfer(holder.address, stranger.address, 1n)).to.equal(false);
      expect(await s.shares.canTransfer(holder.address, verified.address, 1n)).to.equal(true);
      await s.shares.connect(holder).transfer(verified.address, 1n);
      await expect(s.shares.connect(s.platform).setVerified(holder.address, false))
        .to.emit(s.shares, "WalletVerificationChanged").withArgs(holder.address, false);
      await expect(s.shares.connect(holder).transfer(verified.address, 1n))
        .to.be.revertedWithCustomError(s.shares, "WalletNotVerified").withArgs(holder.address);
    });

    it("lets only COMPLIANCE verify, and bounds batches", async () => {
      const s = await networkHelpers.loadFixture(restrictedHeldOffering);
      const outsider = s.investors[2];
      await expect(s.shares.connect(outsider).setVerified(outsider.address, true))
        .to.be.revertedWithCustomError(s.shares, "MissingPlatformRole").withArgs(outsider.address, ROLE.COMPLIANCE);
      await expect(s.shares.connect(outsider).setVerifiedBatch([outsider.address], true))
        .to.be.revertedWithCustomError(s.shares, "MissingPlatformRole");
      await expect(s.shares.connect(s.platform).setVerifiedBatch([], true))
        .to.be.revertedWithCustomError(s.shares, "InvalidBatchLength").withArgs(0n);
      const tooMany = Array.from({ length: 257 }, (_, i) => ethers.zeroPadValue(ethers.toBeHex(i + 1), 20));
      await expect(s.shares.connect(s.platform).setVerifiedBatch(tooMany, true))
        .to.be.revertedWithCustomError(s.shares, "InvalidBatchLength").withArgs(257n);
      await expect(s.shares.connect(s.platform).setVerified(ethers.ZeroAddress, true))
        .to.be.revertedWithCustomError(s.shares, "ZeroAddress");
    });

    it("lets unrestricted tokens move between any wallets", async () => {
      const s = await networkHelpers.loadFixture(heldOffering);
      expect(await s.shares.transfersRestricted()).to.equal(false);
      expect(await s.shares.canTransfer(s.investors[0].address, s.investors[7].address, 60n)).to.equal(true);
      expect(await s.shares.canTransfer(s.investors[0].address, s.investors[7].address, 61n)).to.equal(false);
      await s.shares.connect(s.investors[0]).transfer(s.investors[7].address, 60n);
    });
  });

  describe("reentrancy", () => {
    async function reentrantOffering() {
      const suite = await deploySuite();
      const token = await ethers.deployContract("ReentrantPayoutToken");
      const terms = {
        masterId: suite.masterId, name: "R", symbol: "R", totalShares: 10n,
        payoutToken: await token.getAddress(), paymentToken: await suite.stablecoin.getAddress(),
        pricePerShare: 1n, startsAt: 0n, endsAt: 2n ** 40n, transfersRestricted: false,
      };
      const receipt = await (await suite.factory.connect(suite.platform).createOffering(terms)).wait();
      const parsed = receipt!.logs.map((l: any) => suite.factory.interface.parseLog(l)).find((p: any) => p?.name === "OfferingCreated")!;
      const shares = await ethers.getContractAt("RoyaltyShares", parsed.args.shares);
      const sale = await ethers.getContractAt("ShareSale", parsed.args.sale);
      await buyShares(suite, sale, suite.investors[0], 10n);
      await token.mint(suite.platform.address, 1_000n);
      await token.connect(suite.platform).approve(await shares.getAddress(), 1_000n);
      await shares.connect(suite.platform).distribute(100n);
      return { ...suite, token, shares };
    }

    it("a payout token that re-enters claim during a claim cannot be paid twice", async () => {
      const s = await networkHelpers.loadFixture(reentrantOffering);
      const holder = s.investors[0];
      await s.token.arm(await s.shares.getAddress(), s.shares.interface.encodeFunctionData("claimFor", [holder.address]));
      await expect(s.shares.connect(holder).claim()).to.be.revertedWithCustomError(s.shares, "ReentrancyGuardReentrantCall");
      expect(await s.shares.claimable(holder.address)).to.equal(100n);
      expect(await s.token.balanceOf(holder.address)).to.equal(0n);
    });

    it("a payout token that re-enters distribute during a distribution is refused", async () => {
      const s = await networkHelpers.loadFixture(reentrantOffering);
      // Even a token holding the role must not get through: the guard, not the role check, stops it.
      await s.registry.connect(s.admin).grantRole(ROLE.DISTRIBUTOR, await s.token.getAddress());
      await s.token.arm(await s.shares.getAddress(), s.shares.interface.encodeFunctionData("distribute", [1n]));
      await expect(s.shares.connect(s.platform).distribute(100n))
        .to.be.revertedWithCustomError(s.shares, "ReentrancyGuardReentrantCall");
      expect(await s.shares.totalDistributed()).to.equal(100n);
    });
  });
});
