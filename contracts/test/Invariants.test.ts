import { expect } from "chai";
import fc from "fast-check";
import { ethers, networkHelpers, deploySuite, createOffering, buyShares, distribute } from "./fixtures.js";

/**
 * Property tests of the dividend accumulator. fast-check generates sequences of buys, card issues, transfers,
 * distributions and claims among many holders; after every step the chain must satisfy, exactly:
 *   Σ claimed + Σ claimable + carriedRemainder == totalDistributed,
 *   payout-token balance of the share token == Σ claimable + carriedRemainder (no unit stranded),
 *   a transfer leaves both sides' claimable unchanged,
 * and every holder's claimable equals an independent integer model of the contract.
 */

const HOLDER_COUNT = 6;
const RUNS = Number(process.env.CADENZA_FUZZ_RUNS ?? 200);

type Op =
  | { kind: "buy"; holder: number; shares: number }
  | { kind: "issue"; holder: number; shares: number }
  | { kind: "transfer"; from: number; to: number; shares: number }
  | { kind: "distribute"; amount: bigint }
  | { kind: "claim"; holder: number }
  | { kind: "claimFor"; caller: number; holder: number }
  | { kind: "claimForSale"; caller: number };

const holderIndex = fc.integer({ min: 0, max: HOLDER_COUNT - 1 });
// Transfers may also come from the treasury (index HOLDER_COUNT) once the sale has closed.
const anyHolderIndex = fc.integer({ min: 0, max: HOLDER_COUNT });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("buy" as const), holder: holderIndex, shares: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("issue" as const), holder: holderIndex, shares: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant("transfer" as const), from: anyHolderIndex, to: anyHolderIndex, shares: fc.integer({ min: 1, max: 80 }) }),
  fc.record({
    kind: fc.constant("distribute" as const),
    amount: fc.oneof(fc.bigInt({ min: 1n, max: 500n }), fc.bigInt({ min: 1n, max: 10n ** 12n })),
  }),
  fc.record({ kind: fc.constant("claim" as const), holder: anyHolderIndex }),
  fc.record({ kind: fc.constant("claimFor" as const), caller: holderIndex, holder: anyHolderIndex }),
  fc.record({ kind: fc.constant("claimForSale" as const), caller: holderIndex }),
);

/** The contract's arithmetic, written independently: earned = unitsPerShare * balance + correction. */
class AccumulatorModel {
  unitsPerShare = 0n;
  carried = 0n;
  totalDistributed = 0n;
  totalClaimed = 0n;
  readonly balance = new Map<string, bigint>();
  readonly correction = new Map<string, bigint>();
  constructor(readonly supply: bigint, sale: string) {
    this.balance.set(sale, supply);
  }
  claimable(holder: string) {
    return this.unitsPerShare * (this.balance.get(holder) ?? 0n) + (this.correction.get(holder) ?? 0n);
  }
  transfer(from: string, to: string, shares: bigint) {
    this.balance.set(from, (this.balance.get(from) ?? 0n) - shares);
    this.balance.set(to, (this.balance.get(to) ?? 0n) + shares);
    this.correction.set(from, (this.correction.get(from) ?? 0n) + this.unitsPerShare * shares);
    this.correction.set(to, (this.correction.get(to) ?? 0n) - this.unitsPerShare * shares);
  }
  distribute(amount: bigint) {
    const pool = amount + this.carried;
    this.unitsPerShare += pool / this.supply;
    this.carried = pool % this.supply;
    this.totalDistributed += amount;
  }
  claim(holder: string) {
    const amount = this.claimable(holder);
    this.correction.set(holder, (this.correction.get(holder) ?? 0n) - amount);
    this.totalClaimed += amount;
    return amount;
  }
}

describe("RoyaltyShares invariants (property-based)", function () {
  it("hold for any sequence of buys, issues, transfers, distributions and claims", async () => {
    let paymentRefCounter = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 400 }), fc.array(op, { minLength: 1, maxLength: 30 }), async (supply, ops) => {
        const suite = await networkHelpers.loadFixture(deploySuite);
        const { shares, sale } = await createOffering(suite, { totalShares: BigInt(supply), pricePerShare: 1n });
        const saleAddress = await sale.getAddress();
        const sharesAddress = await shares.getAddress();
        const wallets = [...suite.investors.slice(0, HOLDER_COUNT), suite.artist];
        const tracked = [...wallets.map((w) => w.address), saleAddress];
        const model = new AccumulatorModel(BigInt(supply), saleAddress);
        let saleClosed = false;

        for (const step of ops) {
          switch (step.kind) {
            case "buy":
            case "issue": {
              const available = model.balance.get(saleAddress)!;
              const count = BigInt(Math.min(step.shares, Number(available)));
              if (saleClosed || count === 0n) break;
              const to = wallets[step.holder];
              if (step.kind === "buy") await buyShares(suite, sale, to, count);
              else await sale.connect(suite.platform).issue(to.address, count, ethers.id(`pi_${++paymentRefCounter}`));
              model.transfer(saleAddress, to.address, count);
              break;
            }
            case "transfer": {
              const from = wallets[step.from];
              const to = wallets[step.to];
              const count = BigInt(Math.min(step.shares, Number(model.balance.get(from.address) ?? 0n)));
              if (count === 0n) break;
              const before = [await shares.claimable(from.address), await shares.claimable(to.address)];
              await shares.connect(from).transfer(to.address, count);
              model.transfer(from.address, to.address, count);
              expect([await shares.claimable(from.address), await shares.claimable(to.address)]).to.deep.equal(before);
              break;
            }
            case "distribute":
              await distribute(suite, shares, step.amount);
              model.distribute(step.amount);
              break;
            case "claim":
            case "claimFor": {
              const holder = wallets[step.holder];
              const caller = step.kind === "claim" ? holder : wallets[step.caller];
              const call = step.kind === "claim" ? shares.connect(caller).claim() : shares.connect(caller).claimFor(holder.address);
              if (model.claimable(holder.address) === 0n) {
                await expect(call).to.be.revertedWithCustomError(shares, "NothingToClaim");
                break;
              }
              const paid = model.claim(holder.address);
              await expect(call).to.emit(shares, "Claimed").withArgs(holder.address, paid);
              break;
            }
            case "claimForSale": {
              // The sale is an actor of its own: what it earned on unsold shares is the treasury's.
              const call = shares.connect(wallets[step.caller]).claimFor(saleAddress);
              if (model.claimable(saleAddress) === 0n) {
                await expect(call).to.be.revertedWithCustomError(shares, "NothingToClaim");
                break;
              }
              const paid = model.claim(saleAddress);
              const treasuryBefore: bigint = await suite.stablecoin.balanceOf(suite.artist.address);
              await expect(call).to.emit(shares, "Claimed").withArgs(saleAddress, paid);
              expect(await suite.stablecoin.balanceOf(suite.artist.address)).to.equal(treasuryBefore + paid);
              break;
            }
          }
          // No payout unit is ever held by an address that cannot spend it: the sale has no way to move them.
          expect(await suite.stablecoin.balanceOf(saleAddress)).to.equal(0n);
          if (!saleClosed && ops.length > 20 && step === ops[20]) {
            await sale.connect(suite.platform).close();
            model.transfer(saleAddress, suite.artist.address, model.balance.get(saleAddress)!);
            saleClosed = true;
          }

          let sumClaimable = 0n;
          for (const holder of tracked) {
            const onChain: bigint = await shares.claimable(holder);
            expect(onChain).to.equal(model.claimable(holder), `claimable of ${holder}`);
            expect(await shares.balanceOf(holder)).to.equal(model.balance.get(holder) ?? 0n);
            sumClaimable += onChain;
          }
          const carried: bigint = await shares.carriedRemainder();
          const totalDistributed: bigint = await shares.totalDistributed();
          expect(carried).to.equal(model.carried);
          expect(carried < BigInt(supply)).to.equal(true);
          expect(model.totalClaimed + sumClaimable + carried).to.equal(totalDistributed);
          expect(await suite.stablecoin.balanceOf(sharesAddress)).to.equal(sumClaimable + carried);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("claiming everything after the remainder divides out leaves the contract empty", async () => {
    const suite = await networkHelpers.loadFixture(deploySuite);
    const { shares, sale } = await createOffering(suite, { totalShares: 7n, pricePerShare: 1n });
    const [a, b] = suite.investors;
    await buyShares(suite, sale, a, 3n);
    await buyShares(suite, sale, b, 4n);
    await distribute(suite, shares, 10n); // 1 per share, 3 carried
    await distribute(suite, shares, 4n); // (4 + 3) / 7 = 1 per share, 0 carried
    await shares.connect(a).claim();
    await shares.connect(b).claim();
    expect(await suite.stablecoin.balanceOf(await shares.getAddress())).to.equal(0n);
    expect(await suite.stablecoin.balanceOf(a.address)).to.equal(6n);
    expect(await suite.stablecoin.balanceOf(b.address)).to.equal(8n);
  });
});
