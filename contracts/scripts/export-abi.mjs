// Writes <Name>.abi and <Name>.bin from Hardhat artifacts, the inputs of web3j's SolidityFunctionWrapperGenerator.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const [artifactsDir, outDir, ...names] = process.argv.slice(2);
const wanted = new Set(names);
const found = new Set();

function walk(dir) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) walk(path);
    else if (entry.endsWith(".json") && !entry.endsWith(".dbg.json") && wanted.has(entry.slice(0, -5))) {
      const artifact = JSON.parse(readFileSync(path, "utf8"));
      if (!artifact.abi || !artifact.bytecode) continue;
      writeFileSync(join(outDir, `${artifact.contractName}.abi`), JSON.stringify(artifact.abi));
      writeFileSync(join(outDir, `${artifact.contractName}.bin`), artifact.bytecode.replace(/^0x/, ""));
      found.add(artifact.contractName);
    }
  }
}

walk(join(artifactsDir, "contracts"));
const missing = names.filter((name) => !found.has(name));
if (missing.length > 0) {
  console.error(`[contracts] no artifact for: ${missing.join(", ")}`);
  process.exit(1);
}
