import { expect } from "chai";
import { ethers, networkHelpers, deploySuite, ROLE, METADATA_CID, isrcHash } from "./fixtures.js";

describe("MasterRegistry", () => {
  it("registers a master, mints it to the artist and emits MasterRegistered", async () => {
    const { registry, platform, investors } = await networkHelpers.loadFixture(deploySuite);
    const artist = investors[0];
    const hash = isrcHash("GBAYE0601498");
    await expect(registry.connect(platform).register(artist.address, "bafycid2", hash))
      .to.emit(registry, "MasterRegistered")
      .withArgs(2n, artist.address, hash, "bafycid2");
    expect(await registry.ownerOf(2n)).to.equal(artist.address);
    expect(await registry.mastersRegistered()).to.equal(2n);
    expect(await registry.tokenIdOfIsrc(hash)).to.equal(2n);
    expect(await registry.metadataCid(2n)).to.equal("bafycid2");
  });

  it("answers tokenURI as ipfs://<metadataCid>", async () => {
    const { registry, masterId } = await networkHelpers.loadFixture(deploySuite);
    expect(await registry.tokenURI(masterId)).to.equal(`ipfs://${METADATA_CID}`);
  });

  it("rejects tokenURI and metadataCid of an unknown token", async () => {
    const { registry } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.tokenURI(99n)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(99n);
    await expect(registry.metadataCid(99n)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken");
  });

  it("rejects a duplicate ISRC hash, naming the existing token", async () => {
    const { registry, platform, artist } = await networkHelpers.loadFixture(deploySuite);
    const hash = isrcHash("USRC17607839");
    await expect(registry.connect(platform).register(artist.address, "bafyother", hash))
      .to.be.revertedWithCustomError(registry, "DuplicateIsrc")
      .withArgs(hash, 1n);
  });

  it("rejects a zero ISRC hash, an empty CID and an oversized CID", async () => {
    const { registry, platform, artist } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.connect(platform).register(artist.address, "bafy", ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ZeroIsrcHash");
    await expect(registry.connect(platform).register(artist.address, "", isrcHash("X")))
      .to.be.revertedWithCustomError(registry, "InvalidMetadataCid").withArgs(0n);
    await expect(registry.connect(platform).register(artist.address, "b".repeat(129), isrcHash("X")))
      .to.be.revertedWithCustomError(registry, "InvalidMetadataCid").withArgs(129n);
    await registry.connect(platform).register(artist.address, "b".repeat(128), isrcHash("X"));
  });

  it("rejects registration to the zero address", async () => {
    const { registry, platform } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.connect(platform).register(ethers.ZeroAddress, "bafy", isrcHash("Y")))
      .to.be.revertedWithCustomError(registry, "ERC721InvalidReceiver");
  });

  it("lets only REGISTRAR register", async () => {
    const { registry, artist, platform, admin } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.connect(artist).register(artist.address, "bafy", isrcHash("Z")))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(artist.address, ROLE.REGISTRAR);
    await registry.connect(admin).revokeRole(ROLE.REGISTRAR, platform.address);
    await expect(registry.connect(platform).register(artist.address, "bafy", isrcHash("Z")))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount");
  });

  it("lets only the admin grant platform roles", async () => {
    const { registry, artist } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.connect(artist).grantRole(ROLE.REGISTRAR, artist.address))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount");
  });

  it("hands the admin role over only after ADMIN_TRANSFER_DELAY, in two steps the admin can cancel", async () => {
    const { registry, admin, artist: thief } = await networkHelpers.loadFixture(deploySuite);
    const ADMIN = await registry.DEFAULT_ADMIN_ROLE();
    // A stolen admin key cannot hand the role over at once, neither by a grant nor by a handover accepted at once.
    await expect(registry.connect(admin).grantRole(ADMIN, thief.address))
      .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminRules");
    await registry.connect(admin).beginDefaultAdminTransfer(thief.address);
    await expect(registry.connect(thief).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(registry, "AccessControlEnforcedDefaultAdminDelay");
    // Meanwhile the rightful admin sees it (DefaultAdminTransferScheduled) and cancels it.
    await registry.connect(admin).cancelDefaultAdminTransfer();
    await networkHelpers.time.increase(await registry.ADMIN_TRANSFER_DELAY());
    await expect(registry.connect(thief).acceptDefaultAdminTransfer())
      .to.be.revertedWithCustomError(registry, "AccessControlInvalidDefaultAdmin");
    expect(await registry.hasRole(ADMIN, admin.address)).to.equal(true);

    // A handover the admin means goes through once the delay has passed.
    await registry.connect(admin).beginDefaultAdminTransfer(thief.address);
    await networkHelpers.time.increase((await registry.ADMIN_TRANSFER_DELAY()) + 1n);
    await registry.connect(thief).acceptDefaultAdminTransfer();
    expect(await registry.defaultAdmin()).to.equal(thief.address);
    expect(await registry.hasRole(ADMIN, admin.address)).to.equal(false);
  });

  it("voids a registration: burns the token, frees the ISRC for another registration under a new id", async () => {
    const { registry, platform, artist, investors, masterId } = await networkHelpers.loadFixture(deploySuite);
    const hash = isrcHash("USRC17607839");
    const reason = ethers.id("dispute 42 upheld: the label's contract shows the rights");
    await expect(registry.connect(platform).voidRegistration(masterId, reason))
      .to.emit(registry, "RegistrationVoided").withArgs(masterId, hash, reason)
      .and.to.emit(registry, "Transfer").withArgs(artist.address, ethers.ZeroAddress, masterId);
    expect(await registry.tokenIdOfIsrc(hash)).to.equal(0n);
    expect(await registry.isrcHashOf(masterId)).to.equal(ethers.ZeroHash);
    await expect(registry.ownerOf(masterId)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken");
    await expect(registry.tokenURI(masterId)).to.be.revertedWithCustomError(registry, "ERC721NonexistentToken");

    const rightful = investors[0];
    await expect(registry.connect(platform).register(rightful.address, "bafyrightful", hash))
      .to.emit(registry, "MasterRegistered").withArgs(2n, rightful.address, hash, "bafyrightful");
    expect(await registry.tokenIdOfIsrc(hash)).to.equal(2n);
    expect(await registry.ownerOf(2n)).to.equal(rightful.address);
  });

  it("voids only a registered token, and only as COMPLIANCE", async () => {
    const { registry, platform, artist, admin, masterId } = await networkHelpers.loadFixture(deploySuite);
    await expect(registry.connect(artist).voidRegistration(masterId, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount")
      .withArgs(artist.address, ROLE.COMPLIANCE);
    await expect(registry.connect(platform).voidRegistration(99n, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(99n);
    await registry.connect(platform).voidRegistration(masterId, ethers.ZeroHash);
    await expect(registry.connect(platform).voidRegistration(masterId, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "ERC721NonexistentToken").withArgs(masterId);
    await registry.connect(admin).revokeRole(ROLE.COMPLIANCE, platform.address);
    await registry.connect(platform).register(artist.address, "bafy2", isrcHash("GBAYE0000001"));
    await expect(registry.connect(platform).voidRegistration(2n, ethers.ZeroHash))
      .to.be.revertedWithCustomError(registry, "AccessControlUnauthorizedAccount");
  });

  it("supports the ERC-721, metadata and AccessControl interfaces", async () => {
    const { registry } = await networkHelpers.loadFixture(deploySuite);
    expect(await registry.supportsInterface("0x80ac58cd")).to.equal(true); // ERC-721
    expect(await registry.supportsInterface("0x5b5e139f")).to.equal(true); // ERC-721 metadata
    expect(await registry.supportsInterface("0x7965db0b")).to.equal(true); // IAccessControl
    expect(await registry.supportsInterface("0xffffffff")).to.equal(false);
  });
});

describe("TestStablecoin", () => {
  it("has 6 decimals and lets only minters mint", async () => {
    const { stablecoin, admin, artist } = await networkHelpers.loadFixture(deploySuite);
    expect(await stablecoin.decimals()).to.equal(6n);
    await stablecoin.connect(admin).mint(artist.address, 5n);
    expect(await stablecoin.balanceOf(artist.address)).to.equal(5n);
    await expect(stablecoin.connect(artist).mint(artist.address, 5n))
      .to.be.revertedWithCustomError(stablecoin, "AccessControlUnauthorizedAccount");
  });
});
