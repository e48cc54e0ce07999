package io.cadenza.api.royalties;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;

/** An amount kept in a currency's minor units, shown in its units as decimal text ({@code 1234} USD → "12.34"). */
final class CurrencyAmount {
    private CurrencyAmount() {}

    static String text(BigInteger minor, String currency) {
        int digits = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        return new BigDecimal(minor).movePointLeft(digits).toPlainString();
    }
}
