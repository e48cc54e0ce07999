// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.28;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {PlatformRoles} from "./access/PlatformRoles.sol";

/// @title Registry of master recordings: one ERC-721 token per master.
/// @notice Also the platform's role authority: share tokens, sales and the factory check their callers' roles here.
/// Its admin, who grants and revokes every platform role, is handed over in two steps at least
/// ADMIN_TRANSFER_DELAY apart (OpenZeppelin's AccessControlDefaultAdminRules): a stolen admin key cannot take the
/// authority over every offering in one block, and the current admin can cancel the handover meanwhile.
contract MasterRegistry is ERC721, AccessControlDefaultAdminRules {
    /// @notice How long a handover of the admin role waits between its start and its acceptance.
    uint48 public constant ADMIN_TRANSFER_DELAY = 3 days;
    /// @notice Longest metadata CID accepted, in bytes (a CIDv1 in base32 with sha2-256 is 59).
    uint256 public constant METADATA_CID_BYTES_MAX = 128;

    /// @notice Number of masters registered; also the id of the newest one (ids start at 1).
    uint256 public mastersRegistered;
    /// @notice Token id of the master with a given ISRC hash, or 0.
    mapping(bytes32 isrcHash => uint256 tokenId) public tokenIdOfIsrc;
    mapping(uint256 tokenId => string metadataCid) private _metadataCids;
    /// @notice ISRC hash of a registered master's token, kept so that voiding frees the ISRC.
    mapping(uint256 tokenId => bytes32 isrcHash) public isrcHashOf;

    /// @notice A master was registered and its token minted to the artist.
    event MasterRegistered(uint256 indexed tokenId, address indexed artist, bytes32 indexed isrcHash, string metadataCid);

    /// @notice A registration was voided (an ISRC registered by someone without the rights to it): the token is
    /// burned and the ISRC may be registered again, by its rightful owner. `reasonHash` is the keccak256 of the
    /// platform's recorded decision.
    event RegistrationVoided(uint256 indexed tokenId, bytes32 indexed isrcHash, bytes32 reasonHash);

    /// @notice The ISRC hash is already registered, as `existingTokenId`.
    error DuplicateIsrc(bytes32 isrcHash, uint256 existingTokenId);
    /// @notice The ISRC hash was zero.
    error ZeroIsrcHash();
    /// @notice The metadata CID was empty or longer than METADATA_CID_BYTES_MAX.
    error InvalidMetadataCid(uint256 lengthBytes);

    /// @param admin Receives DEFAULT_ADMIN_ROLE, which grants and revokes every platform role.
    constructor(address admin) ERC721("Cadenza Masters", "MASTER") AccessControlDefaultAdminRules(ADMIN_TRANSFER_DELAY, admin) {}

    /// @notice Registers a master and mints its token to `artist`.
    /// @dev Only REGISTRAR. Emits MasterRegistered and Transfer.
    /// @param artist Owner of the new token; receives the proceeds of the master's offerings.
    /// @param cid CID of the ERC-721 metadata JSON pinned to IPFS.
    /// @param isrcHash keccak256 of the normalised ISRC; one master per ISRC.
    /// @return tokenId The new master's token id.
    function register(address artist, string calldata cid, bytes32 isrcHash)
        external
        onlyRole(PlatformRoles.REGISTRAR)
        returns (uint256 tokenId)
    {
        uint256 cidLength = bytes(cid).length;
        if (cidLength == 0 || cidLength > METADATA_CID_BYTES_MAX) revert InvalidMetadataCid(cidLength);
        if (isrcHash == bytes32(0)) revert ZeroIsrcHash();
        uint256 existing = tokenIdOfIsrc[isrcHash];
        if (existing != 0) revert DuplicateIsrc(isrcHash, existing);

        tokenId = ++mastersRegistered;
        tokenIdOfIsrc[isrcHash] = tokenId;
        isrcHashOf[tokenId] = isrcHash;
        _metadataCids[tokenId] = cid;
        emit MasterRegistered(tokenId, artist, isrcHash, cid);
        // _mint, not _safeMint: an artist's multisig must not be able to block its own registration.
        _mint(artist, tokenId);
    }

    /// @notice Voids a registration after a dispute: burns the token and frees its ISRC for the rightful owner.
    /// @dev Only COMPLIANCE. Reverts for an unknown (or already voided) token. Emits RegistrationVoided and Transfer.
    /// Ids are never reused: a new registration of the ISRC gets a new token id.
    /// @param reasonHash keccak256 of the platform's recorded decision (the dispute and the admin's reason).
    function voidRegistration(uint256 tokenId, bytes32 reasonHash) external onlyRole(PlatformRoles.COMPLIANCE) {
        _requireOwned(tokenId);
        bytes32 isrcHash = isrcHashOf[tokenId];
        delete tokenIdOfIsrc[isrcHash];
        delete isrcHashOf[tokenId];
        delete _metadataCids[tokenId];
        emit RegistrationVoided(tokenId, isrcHash, reasonHash);
        _burn(tokenId);
    }

    /// @notice The metadata CID of a master. Reverts for an unknown token.
    function metadataCid(uint256 tokenId) external view returns (string memory) {
        _requireOwned(tokenId);
        return _metadataCids[tokenId];
    }

    /// @notice `ipfs://<metadataCid>`. Reverts for an unknown token.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        return string.concat("ipfs://", _metadataCids[tokenId]);
    }

    /// @inheritdoc ERC721
    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControlDefaultAdminRules)
        returns (bool)
    {
        return super.supportsInterface(interfaceId);
    }
}
