package io.cadenza.chain.config;

import io.micronaut.core.convert.ConversionContext;
import io.micronaut.core.convert.TypeConverter;
import jakarta.inject.Singleton;
import java.util.Optional;

/** Lets configuration hold a {@link SignerKey} (from cadenza.chain.signer-key or CADENZA_CHAIN_SIGNER_KEY). */
@Singleton
public final class SignerKeyConverter implements TypeConverter<CharSequence, SignerKey> {
    @Override
    public Optional<SignerKey> convert(CharSequence hexKey, Class<SignerKey> targetType, ConversionContext context) {
        try {
            return Optional.of(SignerKey.parse(hexKey.toString()));
        } catch (IllegalArgumentException invalid) {
            context.reject(invalid);
            return Optional.empty();
        }
    }
}
