import { expect } from "chai";
import { ethers, networkHelpers, deploySuite, createOffering, termsFor, ROLE, USD } from "./fixtures.js";

describe("OfferingFactory", () => {
  it("creates shares and sale as clones in one transaction and emits OfferingCreated", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { shares, sale, terms, receipt } = await createOffering(suite, { totalShares: 500n, pricePerShare: USD(3) });
    const event = receipt.logs
      .map((log: any) => suite.factory.interface.parseLog(log))
      .find((parsed: any) => parsed?.name === "OfferingCreated")!;
    expect(event.args.masterId).to.equal(suite.masterId);
    expect(event.args.treasury).to.equal(suite.artist.address);
    expect(event.args.totalShares).to.equal(500n);
    expect(event.args.pricePerShare).to.equal(USD(3));
    expect(event.args.startsAt).to.equal(terms.startsAt);
    expect(event.args.endsAt).to.equal(terms.endsAt);
    expect(await shares.totalSupply()).to.equal(500n);
    expect(await shares.balanceOf(await sale.getAddress())).to.equal(500n);
    expect(await shares.name()).to.equal("Midnight Tape Shares");
    expect(await shares.symbol()).to.equal("MTAPE");
    expect(await shares.decimals()).to.equal(0n);
    expect(await shares.payoutToken()).to.equal(await suite.stablecoin.getAddress());
    expect(await sale.shares()).to.equal(await shares.getAddress());
    expect(await sale.treasury()).to.equal(suite.artist.address);
    expect(await sale.sharesAvailable()).to.equal(500n);
    // EIP-1167 runtime code: 45 bytes that delegate to the implementation.
    const code = await ethers.provider.getCode(await shares.getAddress());
    expect(ethers.dataLength(code)).to.equal(45);
    expect(code.toLowerCase()).to.contain((await suite.sharesImplementation.getAddress()).slice(2).toLowerCase());
  });

  it("marks the sale and the treasury verified when transfers are restricted", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { shares, sale } = await createOffering(suite, { transfersRestricted: true });
    expect(await shares.transfersRestricted()).to.equal(true);
    expect(await shares.isVerified(await sale.getAddress())).to.equal(true);
    expect(await shares.isVerified(suite.artist.address)).to.equal(true);
    expect(await shares.isVerified(suite.investors[0].address)).to.equal(false);
  });

  it("lets only OFFERING_CREATOR create offerings", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const terms = await termsFor(suite);
    await expect(suite.factory.connect(suite.artist).createOffering(terms))
      .to.be.revertedWithCustomError(suite.factory, "MissingPlatformRole")
      .withArgs(suite.artist.address, ROLE.OFFERING_CREATOR);
  });

  it("rejects an unregistered master", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const terms = { ...(await termsFor(suite)), masterId: 42n };
    await expect(suite.factory.connect(suite.platform).createOffering(terms))
      .to.be.revertedWithCustomError(suite.registry, "ERC721NonexistentToken").withArgs(42n);
  });

  it("rejects zero shares, zero price, an empty window and zero token addresses", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const base = await termsFor(suite);
    const create = (terms: any) => suite.factory.connect(suite.platform).createOffering(terms);
    await expect(create({ ...base, totalShares: 0n }))
      .to.be.revertedWithCustomError(suite.sharesImplementation, "InvalidTotalShares").withArgs(0n);
    await expect(create({ ...base, pricePerShare: 0n }))
      .to.be.revertedWithCustomError(suite.saleImplementation, "InvalidTerms");
    await expect(create({ ...base, endsAt: base.startsAt }))
      .to.be.revertedWithCustomError(suite.saleImplementation, "InvalidTerms");
    await expect(create({ ...base, payoutToken: ethers.ZeroAddress }))
      .to.be.revertedWithCustomError(suite.sharesImplementation, "ZeroAddress");
    await expect(create({ ...base, paymentToken: ethers.ZeroAddress }))
      .to.be.revertedWithCustomError(suite.saleImplementation, "ZeroAddress");
  });

  it("refuses zero addresses at construction", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const authority = await suite.registry.getAddress();
    const impl = await suite.sharesImplementation.getAddress();
    const factory = await ethers.getContractFactory("OfferingFactory");
    await expect(factory.deploy(ethers.ZeroAddress, impl, impl, authority))
      .to.be.revertedWithCustomError(factory, "ZeroAddress");
    await expect(factory.deploy(authority, ethers.ZeroAddress, impl, authority))
      .to.be.revertedWithCustomError(factory, "ZeroAddress");
  });

  it("leaves clones and implementations impossible to initialise again", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { shares, sale } = await createOffering(suite);
    const attacker = suite.investors[0];
    const token = await suite.stablecoin.getAddress();
    await expect(shares.connect(attacker).initialize("X", "X", 1n, token, attacker.address, attacker.address, false))
      .to.be.revertedWithCustomError(shares, "InvalidInitialization");
    await expect(sale.connect(attacker).initialize(token, token, 1n, 0n, 1n, attacker.address))
      .to.be.revertedWithCustomError(sale, "InvalidInitialization");
    await expect(suite.sharesImplementation.initialize("X", "X", 1n, token, attacker.address, attacker.address, false))
      .to.be.revertedWithCustomError(shares, "InvalidInitialization");
    await expect(suite.saleImplementation.initialize(token, token, 1n, 0n, 1n, attacker.address))
      .to.be.revertedWithCustomError(sale, "InvalidInitialization");
  });
});
