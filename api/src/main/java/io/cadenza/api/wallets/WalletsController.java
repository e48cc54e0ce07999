package io.cadenza.api.wallets;

import io.cadenza.api.accounts.Caller;
import io.cadenza.api.problem.ProblemException;
import io.cadenza.api.problem.ProblemType;
import io.cadenza.api.idempotency.IdempotentRequests;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Linking wallets by Sign-In with Ethereum: a challenge, then its signed proof. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_AUTHENTICATED)
public class WalletsController {
    private final WalletChallenges challenges;
    private final SiweVerifier verifier;
    private final WalletStore wallets;
    private final Clock clock;
    private final IdempotentRequests idempotency;

    public WalletsController(WalletChallenges challenges, SiweVerifier verifier, WalletStore wallets, Clock clock,
            IdempotentRequests idempotency) {
        this.idempotency = idempotency;
        this.challenges = challenges;
        this.verifier = verifier;
        this.wallets = wallets;
        this.clock = clock;
    }

    @Serdeable
    public record ChallengeRequest(@NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{40}",
            message = "must be a 20-byte hex address starting with 0x") String address) {}

    /** The message to sign, its nonce, and until when it can be used. */
    @Serdeable
    public record Challenge(String message, String nonce, Instant expiresAt) {}

    @Serdeable
    public record Proof(
            @NotBlank @Size(max = SiweMessage.TEXT_LENGTH_MAX) String message,
            @NotBlank @Pattern(regexp = "0x[0-9a-fA-F]{130}",
                    message = "must be a 65-byte hex signature starting with 0x") String signature) {}

    @Post("/wallets/challenge")
    public HttpResponse<Challenge> challenge(@Body @Valid ChallengeRequest request, Authentication authentication) {
        SiweMessage message = challenges.issue(Caller.of(authentication).accountId().toString(), request.address());
        return HttpResponse.created(new Challenge(message.toText(), message.nonce(), message.expirationTime()));
    }

    /**
     * Links the wallet that signed the challenge. Linking an address the caller already has answers the existing
     * link; an address linked to another account is refused.
     */
    @Post("/wallets")
    public MutableHttpResponse<?> link(@Body @Valid Proof proof,
            @Nullable @Header(IdempotentRequests.HEADER) String idempotencyKey, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        return idempotency.run(caller.accountId() + ":POST /v1/wallets", idempotencyKey,
                idempotency.fingerprint(proof), () -> link(proof, caller));
    }

    private MutableHttpResponse<LinkedWallet.View> link(Proof proof, Caller caller) {
        SiweMessage proved;
        try {
            proved = verifier.verify(proof.message(), proof.signature(), challenges.expectations(), clock.instant());
            challenges.consume(proved.nonce(), caller.accountId().toString(), proved.address());
        } catch (MalformedSiweMessageException e) {
            throw ProblemException.invalidField("message", e.getMessage());
        } catch (SiweRejectedException e) {
            if (e.reason() == SiweRejectedException.Reason.MALFORMED) {
                throw ProblemException.invalidField("message", e.getMessage());
            }
            throw new ProblemException(ProblemType.WALLET_CHALLENGE_REJECTED,
                    e.reason().name().toLowerCase(Locale.ROOT).replace('_', '-') + ": " + e.getMessage());
        }
        String address = proved.address().toLowerCase(Locale.ROOT);
        List<LinkedWallet> own = wallets.list(caller.accountId());
        if (own.stream().noneMatch(wallet -> wallet.address().equals(address))
                && own.size() >= WalletStore.WALLETS_PER_ACCOUNT_MAX) {
            throw new ProblemException(ProblemType.CONFLICT,
                    "An account links at most " + WalletStore.WALLETS_PER_ACCOUNT_MAX + " wallets.");
        }
        LinkedWallet linked = wallets.link(new LinkedWallet(address, caller.accountId(), proved.chainId(),
                clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
        if (!linked.accountId().equals(caller.accountId())) {
            throw new ProblemException(ProblemType.WALLET_LINKED_ELSEWHERE,
                    "This wallet is linked to another account.");
        }
        return HttpResponse.created(linked.view());
    }

    @Get("/me/wallets")
    public List<LinkedWallet.View> mine(Authentication authentication) {
        return wallets.list(Caller.of(authentication).accountId()).stream().map(LinkedWallet::view).toList();
    }
}
