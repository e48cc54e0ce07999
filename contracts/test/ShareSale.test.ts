import { expect } from "chai";
import { ethers, networkHelpers, deploySuite, createOffering, buyShares, ROLE, USD, SALE_DURATION_S } from "./fixtures.js";

async function liveOffering() {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { totalShares: 100n, pricePerShare: USD(10) });
  return { ...suite, ...offering };
}

async function restrictedOffering() {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { totalShares: 100n, transfersRestricted: true });
  return { ...suite, ...offering };
}

async function futureOffering() {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { startsInS: 3600n });
  return { ...suite, ...offering };
}

const ref = (paymentIntent: string) => ethers.keccak256(ethers.toUtf8Bytes(paymentIntent));

describe("ShareSale", () => {
  describe("buy", () => {
    it("takes payment to the treasury and gives shares to the buyer", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const buyer = s.investors[0];
      await expect(buyShares(s, s.sale, buyer, 7n))
        .to.emit(s.sale, "SharesPurchased").withArgs(buyer.address, 7n, USD(70));
      expect(await s.shares.balanceOf(buyer.address)).to.equal(7n);
      expect(await s.stablecoin.balanceOf(s.artist.address)).to.equal(USD(70));
      expect(await s.stablecoin.balanceOf(await s.sale.getAddress())).to.equal(0n);
      expect(await s.sale.sharesAvailable()).to.equal(93n);
    });

    it("rejects zero shares and more shares than are left", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const buyer = s.investors[0];
      await expect(s.sale.connect(buyer).buy(0n)).to.be.revertedWithCustomError(s.sale, "ZeroShares");
      await expect(buyShares(s, s.sale, buyer, 101n))
        .to.be.revertedWithCustomError(s.sale, "InsufficientShares").withArgs(101n, 100n);
    });

    it("fails without allowance or funds and leaves no trace", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const buyer = s.investors[0];
      await expect(s.sale.connect(buyer).buy(1n)).to.be.revertedWithCustomError(s.stablecoin, "ERC20InsufficientAllowance");
      expect(await s.sale.sharesAvailable()).to.equal(100n);
    });

    it("refuses to buy before the window opens and after it ends", async () => {
      const s = await networkHelpers.loadFixture(futureOffering);
      const buyer = s.investors[0];
      await expect(buyShares(s, s.sale, buyer, 1n))
        .to.be.revertedWithCustomError(s.sale, "SaleNotStarted").withArgs(s.terms.startsAt);
      await networkHelpers.time.increaseTo(s.terms.endsAt);
      await expect(buyShares(s, s.sale, buyer, 1n))
        .to.be.revertedWithCustomError(s.sale, "SaleEnded").withArgs(s.terms.endsAt);
    });

    it("refuses an unverified buyer when transfers are restricted, and accepts it once verified", async () => {
      const s = await networkHelpers.loadFixture(restrictedOffering);
      const buyer = s.investors[0];
      await expect(buyShares(s, s.sale, buyer, 1n))
        .to.be.revertedWithCustomError(s.shares, "WalletNotVerified").withArgs(buyer.address);
      await s.shares.connect(s.platform).setVerified(buyer.address, true);
      await buyShares(s, s.sale, buyer, 1n);
      expect(await s.shares.balanceOf(buyer.address)).to.equal(1n);
    });
  });

  describe("issue", () => {
    it("issues card-paid shares once per payment reference", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const holder = s.investors[1];
      await expect(s.sale.connect(s.platform).issue(holder.address, 5n, ref("pi_1")))
        .to.emit(s.sale, "SharesIssued").withArgs(holder.address, 5n, ref("pi_1"));
      expect(await s.shares.balanceOf(holder.address)).to.equal(5n);
      expect(await s.sale.paymentRefUsed(ref("pi_1"))).to.equal(true);
      await expect(s.sale.connect(s.platform).issue(holder.address, 5n, ref("pi_1")))
        .to.be.revertedWithCustomError(s.sale, "PaymentRefAlreadyUsed").withArgs(ref("pi_1"));
    });

    it("lets only FIAT_AGENT issue", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const holder = s.investors[1];
      await expect(s.sale.connect(holder).issue(holder.address, 5n, ref("pi_2")))
        .to.be.revertedWithCustomError(s.sale, "MissingPlatformRole").withArgs(holder.address, ROLE.FIAT_AGENT);
    });

    it("rejects a zero reference, zero shares and more than is left", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      const holder = s.investors[1].address;
      await expect(s.sale.connect(s.platform).issue(holder, 5n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(s.sale, "ZeroPaymentRef");
      await expect(s.sale.connect(s.platform).issue(holder, 0n, ref("pi_3")))
        .to.be.revertedWithCustomError(s.sale, "ZeroShares");
      await expect(s.sale.connect(s.platform).issue(holder, 101n, ref("pi_3")))
        .to.be.revertedWithCustomError(s.sale, "InsufficientShares").withArgs(101n, 100n);
      expect(await s.sale.paymentRefUsed(ref("pi_3"))).to.equal(false);
    });

    it("refuses to issue to an unverified wallet when transfers are restricted, and keeps the reference unused", async () => {
      const s = await networkHelpers.loadFixture(restrictedOffering);
      const holder = s.investors[1].address;
      await expect(s.sale.connect(s.platform).issue(holder, 2n, ref("pi_restricted")))
        .to.be.revertedWithCustomError(s.shares, "WalletNotVerified").withArgs(holder);
      expect(await s.sale.paymentRefUsed(ref("pi_restricted"))).to.equal(false);
      await s.shares.connect(s.platform).setVerified(holder, true);
      await s.sale.connect(s.platform).issue(holder, 2n, ref("pi_restricted"));
      expect(await s.shares.balanceOf(holder)).to.equal(2n);
    });

    it("still issues after the window ends, until the sale is closed", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      await networkHelpers.time.increaseTo(s.terms.endsAt + 10n);
      await s.sale.connect(s.platform).issue(s.investors[1].address, 1n, ref("pi_late"));
      await s.sale.close();
      await expect(s.sale.connect(s.platform).issue(s.investors[1].address, 1n, ref("pi_later")))
        .to.be.revertedWithCustomError(s.sale, "SaleAlreadyClosed");
    });
  });

  describe("close", () => {
    it("returns unsold shares to the treasury and stops sales", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      await buyShares(s, s.sale, s.investors[0], 30n);
      await networkHelpers.time.increaseTo(s.terms.endsAt);
      await expect(s.sale.connect(s.investors[3]).close()).to.emit(s.sale, "SaleFinalized").withArgs(70n);
      expect(await s.shares.balanceOf(s.artist.address)).to.equal(70n);
      expect(await s.sale.closed()).to.equal(true);
      expect(await s.sale.sharesAvailable()).to.equal(0n);
      await expect(s.sale.close()).to.be.revertedWithCustomError(s.sale, "SaleAlreadyClosed");
      await expect(s.sale.connect(s.investors[0]).buy(1n)).to.be.revertedWithCustomError(s.sale, "SaleAlreadyClosed");
    });

    it("lets only SALE_MANAGER close before the window ends", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      await expect(s.sale.connect(s.artist).close())
        .to.be.revertedWithCustomError(s.sale, "SaleStillOpen").withArgs(s.terms.endsAt);
      await expect(s.sale.connect(s.platform).close()).to.emit(s.sale, "SaleFinalized").withArgs(100n);
    });

    it("closes a sold-out sale without a transfer", async () => {
      const s = await networkHelpers.loadFixture(liveOffering);
      await buyShares(s, s.sale, s.investors[0], 100n);
      await expect(s.sale.connect(s.platform).close()).to.emit(s.sale, "SaleFinalized").withArgs(0n)
        .and.not.to.emit(s.shares, "Transfer");
    });
  });

  it("exposes its terms", async () => {
    const s = await networkHelpers.loadFixture(liveOffering);
    expect(await s.sale.pricePerShare()).to.equal(USD(10));
    expect(await s.sale.paymentToken()).to.equal(await s.stablecoin.getAddress());
    expect(await s.sale.startsAt()).to.equal(s.terms.startsAt);
    expect(await s.sale.endsAt()).to.equal(s.terms.startsAt + SALE_DURATION_S);
    expect(await s.sale.authority()).to.equal(await s.registry.getAddress());
  });
});
