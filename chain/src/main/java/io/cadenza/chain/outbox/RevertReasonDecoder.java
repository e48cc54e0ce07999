package io.cadenza.chain.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into a readable reason: Error(string), Panic(uint256), and every custom error of the suite's
 * contracts and of the OpenZeppelin code they inherit, e.g. {@code SaleEnded(endsAt=1767225600)}.
 */
public final class RevertReasonDecoder {
    /** The suite's ABIs, copied beside the wrappers at build time. */
    private static final List<String> ABI_RESOURCES = List.of("MasterRegistry", "RoyaltyShares", "ShareSale",
            "OfferingFactory", "TestStablecoin");
    private static final Pattern HEX_DATA = Pattern.compile("0x[0-9a-fA-F]{8,}");
    private static final String ERROR_STRING_SELECTOR = "0x08c379a0";
    private static final String PANIC_SELECTOR = "0x4e487b71";

    private final Map<String, ErrorDefinition> errorsBySelector;

    private RevertReasonDecoder(Map<String, ErrorDefinition> errorsBySelector) {
        this.errorsBySelector = Map.copyOf(errorsBySelector);
    }

    /** A decoder knowing every error of the suite's ABIs. */
    public static RevertReasonDecoder forSuite() {
        ObjectMapper json = new ObjectMapper();
        Map<String, ErrorDefinition> errors = new HashMap<>();
        errors.put(ERROR_STRING_SELECTOR, new ErrorDefinition("Error", List.of("reason"), List.of("string")));
        errors.put(PANIC_SELECTOR, new ErrorDefinition("Panic", List.of("code"), List.of("uint256")));
        for (String contract : ABI_RESOURCES) {
            String resource = "/io/cadenza/chain/abi/" + contract + ".abi";
            try (InputStream abi = RevertReasonDecoder.class.getResourceAsStream(resource)) {
                if (abi == null) {
                    throw new IllegalStateException("ABI resource missing: " + resource);
                }
                for (JsonNode entry : json.readTree(abi)) {
                    if ("error".equals(entry.path("type").asText())) {
                        ErrorDefinition definition = ErrorDefinition.of(entry);
                        errors.put(definition.selector(), definition);
                    }
                }
            } catch (IOException failure) {
                throw new UncheckedIOException("reading " + resource, failure);
            }
        }
        return new RevertReasonDecoder(errors);
    }

    /**
     * The reason in {@code revertData}: raw revert bytes, or a node's error text or data that contains them.
     * Empty when there is no revert data at all (a bare revert, or out of gas).
     */
    public Optional<String> decode(String revertData) {
        if (revertData == null) {
            return Optional.empty();
        }
        Matcher hex = HEX_DATA.matcher(revertData);
        if (!hex.find()) {
            return Optional.empty();
        }
        String data = hex.group().toLowerCase();
        String selector = data.substring(0, 10);
        ErrorDefinition definition = errorsBySelector.get(selector);
        if (definition == null) {
            return Optional.of("unknown error " + selector);
        }
        return Optional.of(definition.describe("0x" + data.substring(10)));
    }

    private record ErrorDefinition(String name, List<String> parameterNames, List<String> parameterTypes) {
        static ErrorDefinition of(JsonNode entry) {
            List<String> names = new ArrayList<>();
            List<String> types = new ArrayList<>();
            for (JsonNode input : entry.path("inputs")) {
                names.add(input.path("name").asText());
                types.add(input.path("type").asText());
            }
            return new ErrorDefinition(entry.path("name").asText(), names, types);
        }

        String selector() {
            return Hash.sha3String(name + "(" + String.join(",", parameterTypes) + ")").substring(0, 10);
        }

        @SuppressWarnings({"rawtypes", "unchecked"})
        String describe(String encodedArguments) {
            if (parameterTypes.isEmpty()) {
                return name + "()";
            }
            try {
                List<TypeReference<Type>> references = new ArrayList<>();
                for (String type : parameterTypes) {
                    references.add((TypeReference) TypeReference.makeTypeReference(type));
                }
                List<Type> values = FunctionReturnDecoder.decode(encodedArguments, references);
                List<String> described = new ArrayList<>();
                for (int i = 0; i < values.size(); i++) {
                    described.add(parameterNames.get(i) + "=" + show(values.get(i).getValue()));
                }
                return name + "(" + String.join(", ", described) + ")";
            } catch (ClassNotFoundException | RuntimeException undecodable) {
                return name + "(undecodable arguments)";
            }
        }

        private static String show(Object value) {
            if (value instanceof byte[] bytes) {
                return Numeric.toHexString(bytes);
            }
            if (value instanceof BigInteger number) {
                return number.toString();
            }
            return String.valueOf(value);
        }
    }
}
