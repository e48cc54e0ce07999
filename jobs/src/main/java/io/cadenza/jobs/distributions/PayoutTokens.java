package io.cadenza.jobs.distributions;

import io.cadenza.chain.connection.ChainConnection;
import io.cadenza.chain.connection.ChainUnavailableException;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * What distributions read of payout tokens on chain: their decimals (fixed for a token's life, so read once) and
 * balances, such as the treasury's (the operator account, which funds distributions).
 */
public class PayoutTokens {
    private final ChainConnection connection;
    private final Map<String, Integer> decimals = new ConcurrentHashMap<>();

    public PayoutTokens(ChainConnection connection) {
        this.connection = connection;
    }

    /** The account that funds distributions and sends them: the platform's payout-token treasury. */
    public String treasury() {
        return connection.operator().getAddress().toLowerCase(Locale.ROOT);
    }

    public int decimals(String token) {
        return decimals.computeIfAbsent(token.toLowerCase(Locale.ROOT), address -> {
            BigInteger value = call(address, new Function("decimals", List.of(),
                    List.of(new TypeReference<Uint8>() {})));
            if (value.bitLength() > 7) {
                throw new IllegalStateException("token " + address + " reports " + value + " decimals");
            }
            return value.intValueExact();
        });
    }

    public BigInteger balanceOf(String token, String holder) {
        return call(token, new Function("balanceOf", List.of(new Address(holder)),
                List.of(new TypeReference<Uint256>() {})));
    }

    @SuppressWarnings("rawtypes")
    private BigInteger call(String token, Function function) {
        EthCall answer;
        try {
            answer = connection.web3j().ethCall(Transaction.createEthCallTransaction(null, token,
                    FunctionEncoder.encode(function)), DefaultBlockParameterName.LATEST).send();
        } catch (IOException unreachable) {
            throw new ChainUnavailableException("reading " + function.getName() + " of " + token, unreachable);
        }
        if (answer.hasError() || answer.getValue() == null || answer.getValue().length() <= 2) {
            throw new IllegalStateException("token " + token + " does not answer " + function.getName() + ": "
                    + (answer.hasError() ? answer.getError().getMessage() : "no code or no value"));
        }
        List<Type> values = FunctionReturnDecoder.decode(answer.getValue(), function.getOutputParameters());
        return (BigInteger) values.getFirst().getValue();
    }
}
