import { network } from "hardhat";

export const connection = await network.getOrCreate();
export const { ethers, networkHelpers } = connection;

export const ROLE = {
  REGISTRAR: ethers.id("cadenza.role.REGISTRAR"),
  OFFERING_CREATOR: ethers.id("cadenza.role.OFFERING_CREATOR"),
  DISTRIBUTOR: ethers.id("cadenza.role.DISTRIBUTOR"),
  COMPLIANCE: ethers.id("cadenza.role.COMPLIANCE"),
  PAUSER: ethers.id("cadenza.role.PAUSER"),
  FIAT_AGENT: ethers.id("cadenza.role.FIAT_AGENT"),
  SALE_MANAGER: ethers.id("cadenza.role.SALE_MANAGER"),
} as const;

export const USD = (dollars: number | bigint) => BigInt(dollars) * 1_000_000n;
export const isrcHash = (isrc: string) => ethers.keccak256(ethers.toUtf8Bytes(isrc));
export const METADATA_CID = "bafkreifzjut3te2nhyekklss27nh3k72ysco7y32koao5eei66wof36n5e";
export const SALE_DURATION_S = 30n * 24n * 3600n;

/** The deployed suite with one registered master, as the platform deploys it. */
export async function deploySuite() {
  const [admin, platform, artist, ...investors] = await ethers.getSigners();
  const registry = await ethers.deployContract("MasterRegistry", [admin.address]);
  const authority = await registry.getAddress();
  const sharesImplementation = await ethers.deployContract("RoyaltyShares", [authority]);
  const saleImplementation = await ethers.deployContract("ShareSale", [authority]);
  const factory = await ethers.deployContract("OfferingFactory", [
    authority,
    await sharesImplementation.getAddress(),
    await saleImplementation.getAddress(),
    authority,
  ]);
  const stablecoin = await ethers.deployContract("TestStablecoin", [admin.address]);
  for (const role of Object.values(ROLE)) {
    await registry.connect(admin).grantRole(role, platform.address);
  }
  await registry.connect(platform).register(artist.address, METADATA_CID, isrcHash("USRC17607839"));
  const masterId = 1n;
  return { admin, platform, artist, investors, registry, sharesImplementation, saleImplementation, factory, stablecoin, masterId };
}

export type Suite = Awaited<ReturnType<typeof deploySuite>>;

export interface OfferingOptions {
  totalShares?: bigint;
  pricePerShare?: bigint;
  transfersRestricted?: boolean;
  startsInS?: bigint;
}

export async function termsFor(suite: Suite, options: OfferingOptions = {}) {
  const now = BigInt(await networkHelpers.time.latest());
  const startsAt = now + (options.startsInS ?? 0n);
  const stablecoin = await suite.stablecoin.getAddress();
  return {
    masterId: suite.masterId,
    name: "Midnight Tape Shares",
    symbol: "MTAPE",
    totalShares: options.totalShares ?? 1_000n,
    payoutToken: stablecoin,
    paymentToken: stablecoin,
    pricePerShare: options.pricePerShare ?? USD(10),
    startsAt,
    endsAt: startsAt + SALE_DURATION_S,
    transfersRestricted: options.transfersRestricted ?? false,
  };
}

/** Creates an offering through the factory and returns its clones as contracts. */
export async function createOffering(suite: Suite, options: OfferingOptions = {}) {
  const terms = await termsFor(suite, options);
  const tx = await suite.factory.connect(suite.platform).createOffering(terms);
  const receipt = await tx.wait();
  const event = receipt!.logs
    .map((log: any) => suite.factory.interface.parseLog(log))
    .find((parsed: any) => parsed?.name === "OfferingCreated");
  const shares = await ethers.getContractAt("RoyaltyShares", event!.args.shares);
  const sale = await ethers.getContractAt("ShareSale", event!.args.sale);
  return { shares, sale, terms, receipt: receipt! };
}

/** Funds `buyer` with stablecoin and buys `shareCount` shares from the sale. */
export async function buyShares(suite: Suite, sale: any, buyer: any, shareCount: bigint) {
  const cost = shareCount * (await sale.pricePerShare());
  await suite.stablecoin.connect(suite.admin).mint(buyer.address, cost);
  await suite.stablecoin.connect(buyer).approve(await sale.getAddress(), cost);
  return sale.connect(buyer).buy(shareCount);
}

/** Mints `amount` to the platform and distributes it through `shares`. */
export async function distribute(suite: Suite, shares: any, amount: bigint) {
  await suite.stablecoin.connect(suite.admin).mint(suite.platform.address, amount);
  await suite.stablecoin.connect(suite.platform).approve(await shares.getAddress(), amount);
  return shares.connect(suite.platform).distribute(amount);
}
