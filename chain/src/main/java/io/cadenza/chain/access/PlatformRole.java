package io.cadenza.chain.access;

import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** The platform-wide roles of contracts/access/PlatformRoles.sol, held in the MasterRegistry's AccessControl. */
public enum PlatformRole {
    REGISTRAR,
    OFFERING_CREATOR,
    DISTRIBUTOR,
    COMPLIANCE,
    PAUSER,
    FIAT_AGENT,
    SALE_MANAGER;

    private final byte[] id = Numeric.hexStringToByteArray(Hash.sha3String("cadenza.role." + name()));

    /** The role's bytes32 id, keccak256("cadenza.role.NAME"), as the contracts compute it. */
    public byte[] id() {
        return id.clone();
    }
}
