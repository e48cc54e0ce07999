import { expect } from "chai";
import { mkdirSync, writeFileSync } from "node:fs";
import { ethers, networkHelpers, deploySuite, createOffering, buyShares, distribute, USD } from "./fixtures.js";

/**
 * Gas of the calls users pay for, measured from receipts on Hardhat's EDR (prague). The figures are written to
 * build/gas-report.json and summarised in GAS.md; the targets from GAS.md are asserted, since gas, unlike time,
 * is deterministic.
 */
const TARGET = {
  createOffering: 500_000n,
  distribute: 80_000n,
  claim: 80_000n,
  transferOverhead: 35_000n,
};

/**
 * A ceiling for every figure recorded, about 10 % above what it costs today where GAS.md sets no target: gas is
 * paid by our users, so a figure that grows past its ceiling fails the suite, and a figure without one cannot be
 * recorded.
 */
const CEILING: Array<[RegExp, bigint]> = [
  [/^createOffering$/, TARGET.createOffering],
  [/^deployRoyaltySharesContract$/, 2_600_000n],
  [/^deploySaleContract$/, 1_350_000n],
  [/^nonCloneOfferingApprox$/, 4_400_000n],
  [/^buyFirstPurchase$/, 150_000n],
  [/^buyRepeatPurchase$/, 90_000n],
  [/^issue$/, 135_000n],
  [/^distribute(First)?_\d+Holders$/, TARGET.distribute],
  [/^claim(First|Again)$/, TARGET.claim],
  [/^plainErc20Transfer$/, 38_000n],
  [/^shareTransferOverhead_/, TARGET.transferOverhead],
  [/^shareTransfer_/, 60_000n],
];

const report: Record<string, string | number> = {};
const gasOf = async (tx: Promise<any>) => BigInt((await (await tx).wait()).gasUsed);
const record = (name: string, gas: bigint) => {
  const ceiling = CEILING.find(([pattern]) => pattern.test(name))?.[1];
  expect(ceiling !== undefined).to.equal(true, `no gas ceiling for ${name}`);
  expect(gas <= ceiling!).to.equal(true, `${name} costs ${gas} gas, above its ceiling of ${ceiling}`);
  report[name] = Number(gas);
  return gas;
};

async function offeringWithHolders(holderCount: number, restricted = false) {
  const suite = await deploySuite();
  const offering = await createOffering(suite, { totalShares: 10_000n, pricePerShare: 1n, transfersRestricted: restricted });
  for (let i = 0; i < holderCount; i++) {
    const holder = ethers.getAddress(ethers.zeroPadValue(ethers.toBeHex(0x1000 + i), 20));
    if (restricted) await offering.shares.connect(suite.platform).setVerified(holder, true);
    await offering.sale.connect(suite.platform).issue(holder, 1n, ethers.id(`holder-${i}`));
  }
  return { ...suite, ...offering };
}

describe("Gas", function () {
  after(() => {
    mkdirSync("build", { recursive: true });
    writeFileSync("build/gas-report.json", JSON.stringify(report, null, 2) + "\n");
    console.log("      gas report:", JSON.stringify(report));
  });

  it("createOffering stays under 500k gas; the non-clone cost is stated beside it", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { receipt } = await createOffering(suite);
    const clones = record("createOffering", BigInt(receipt.gasUsed));
    expect(clones <= TARGET.createOffering).to.equal(true, `createOffering ${clones}`);
    const authority = await suite.registry.getAddress();
    const sharesDeploy = BigInt((await (await ethers.getContractFactory("RoyaltyShares")).deploy(authority).then((c: any) => c.deploymentTransaction()!.wait()))!.gasUsed);
    const saleDeploy = BigInt((await (await ethers.getContractFactory("ShareSale")).deploy(authority).then((c: any) => c.deploymentTransaction()!.wait()))!.gasUsed);
    record("deployRoyaltySharesContract", sharesDeploy);
    record("deploySaleContract", saleDeploy);
    // A non-clone offering deploys both contracts and initialises them; initialisation is in createOffering too,
    // minus the two 45-byte clones, so deploy + createOffering is an upper bound of the non-clone cost.
    record("nonCloneOfferingApprox", sharesDeploy + saleDeploy + clones);
  });

  it("buy and issue stay under their ceilings", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { sale } = await createOffering(suite, { totalShares: 1_000n, pricePerShare: USD(1) });
    const buyer = suite.investors[0];
    await suite.stablecoin.connect(suite.admin).mint(buyer.address, USD(100));
    await suite.stablecoin.connect(buyer).approve(await sale.getAddress(), USD(100));
    record("buyFirstPurchase", await gasOf(sale.connect(buyer).buy(5n)));
    record("buyRepeatPurchase", await gasOf(sale.connect(buyer).buy(5n)));
    record("issue", await gasOf(sale.connect(suite.platform).issue(suite.investors[1].address, 5n, ethers.id("pi_gas"))));
  });

  it("distribute costs the same for 1, 100 and 1,000 holders and stays under 80k", async function () {
    const figures: bigint[] = [];
    for (const holders of [1, 100, 1_000]) {
      const s = await offeringWithHolders(holders);
      record(`distributeFirst_${holders}Holders`, await gasOf(distribute(s, s.shares, USD(1_000))));
      const steady = record(`distribute_${holders}Holders`, await gasOf(distribute(s, s.shares, USD(1_000))));
      figures.push(steady);
    }
    expect(figures[1]).to.equal(figures[0]);
    expect(figures[2]).to.equal(figures[0]);
    expect(figures[0] <= TARGET.distribute).to.equal(true, `distribute ${figures[0]}`);
  });

  it("claim stays under 80k", async () => {
    const s = await offeringWithHolders(0);
    await buyShares(s, s.sale, s.investors[0], 10n);
    await distribute(s, s.shares, USD(1_000));
    const first = record("claimFirst", await gasOf(s.shares.connect(s.investors[0]).claim()));
    await distribute(s, s.shares, USD(1_000));
    const again = record("claimAgain", await gasOf(s.shares.connect(s.investors[0]).claim()));
    expect(first <= TARGET.claim).to.equal(true, `claim ${first}`);
    expect(again <= TARGET.claim).to.equal(true, `claim ${again}`);
  });

  it("a share transfer between existing holders costs at most 35k more than a plain OZ ERC-20 transfer", async () => {
    const [, , , alice, bob] = await ethers.getSigners();
    const plain = await ethers.deployContract("PlainShareToken", [1_000n]);
    await plain.transfer(alice.address, 100n);
    await plain.transfer(bob.address, 100n);
    const plainGas = record("plainErc20Transfer", await gasOf(plain.connect(alice).transfer(bob.address, 1n)));

    const cases: Array<[string, boolean]> = [["unrestricted", false], ["restricted", true]];
    for (const [name, restricted] of cases) {
      const s = await offeringWithHolders(0, restricted);
      const [a, b] = s.investors;
      if (restricted) await s.shares.connect(s.platform).setVerifiedBatch([a.address, b.address], true);
      await buyShares(s, s.sale, a, 100n);
      await buyShares(s, s.sale, b, 100n);
      const before = record(`shareTransfer_${name}_beforeAnyDistribution`, await gasOf(s.shares.connect(a).transfer(b.address, 1n)));
      await distribute(s, s.shares, USD(1_000));
      const firstAfter = record(`shareTransfer_${name}_firstAfterDistribution`, await gasOf(s.shares.connect(a).transfer(b.address, 1n)));
      const steady = record(`shareTransfer_${name}_steady`, await gasOf(s.shares.connect(a).transfer(b.address, 1n)));
      report[`shareTransferOverhead_${name}_steady`] = Number(steady - plainGas);
      report[`shareTransferOverhead_${name}_firstAfterDistribution`] = Number(firstAfter - plainGas);
      expect(before - plainGas <= TARGET.transferOverhead).to.equal(true, `${name} before ${before}`);
      expect(steady - plainGas <= TARGET.transferOverhead).to.equal(true, `${name} steady ${steady}`);
      // Holders' slots are non-zero from their first receipt, so the first correction write costs no more.
      expect(firstAfter).to.equal(steady);
    }
  });
});
