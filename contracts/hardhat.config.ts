import { createRequire } from "node:module";
import { defineConfig } from "hardhat/config";
import hardhatEthers from "@nomicfoundation/hardhat-ethers";
import hardhatEthersChaiMatchers from "@nomicfoundation/hardhat-ethers-chai-matchers";
import hardhatMocha from "@nomicfoundation/hardhat-mocha";
import hardhatNetworkHelpers from "@nomicfoundation/hardhat-network-helpers";

// The compiler comes from the solc npm package (soljson): nothing on these machines can download one.
const require = createRequire(import.meta.url);
const solcSettings = {
  optimizer: { enabled: true, runs: 10_000 },
  evmVersion: "prague",
};

export default defineConfig({
  plugins: [hardhatEthers, hardhatEthersChaiMatchers, hardhatMocha, hardhatNetworkHelpers],
  solidity: {
    profiles: {
      default: { version: "0.8.37", path: require.resolve("solc/soljson.js"), settings: solcSettings },
      production: { version: "0.8.37", path: require.resolve("solc/soljson.js"), settings: solcSettings },
    },
  },
  paths: { tests: { mocha: "test" } },
  test: { mocha: { timeout: 600_000 } },
});
