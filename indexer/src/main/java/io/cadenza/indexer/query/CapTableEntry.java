package io.cadenza.indexer.query;

import java.math.BigDecimal;
import java.math.BigInteger;

/** One holder of an offering's shares, and the percentage of all shares it holds (6 decimals). */
public record CapTableEntry(String holder, BigInteger shares, BigDecimal percentage) {}
