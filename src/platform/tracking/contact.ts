import { blindIndex, decryptField, encryptField } from "../crypto";

// A person's contact fields encrypted at rest (AES-256-GCM, platform/crypto): the identity number, phone,
// e-mail and address are stored only as `*_enc` columns, with a keyed blind index to find a person's
// records by identity number without storing it in clear. Decrypted only for staff who handle the case.

/** The contact fields as people typed them (already checked and normalised), null when not given. */
export interface ContactFields {
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
}

/** The columns stored for them. */
export interface SealedContact {
  id_number_enc: string | null;
  /** Blind index of the identity (an ID number, or an organisation's credit code). */
  id_index: string | null;
  phone_enc: string | null;
  email_enc: string | null;
  address_enc: string | null;
}

/** The blind index of an identity number or code (spaces ignored, letters in either case); null for none. */
export function contactIndex(key: Buffer, value: string | null | undefined): string | null {
  const v = value?.replace(/\s+/g, "");
  return v ? blindIndex(key, v) : null;
}

/** Encrypts the fields; `indexBy` is the identity to index (default: the identity number). */
export function sealContact(
  key: Buffer,
  c: ContactFields,
  indexBy: string | null = c.idNumber,
): SealedContact {
  const enc = (v: string | null) => (v ? encryptField(key, v) : null);
  return {
    id_number_enc: enc(c.idNumber),
    id_index: contactIndex(key, indexBy),
    phone_enc: enc(c.phone),
    email_enc: enc(c.email),
    address_enc: enc(c.address),
  };
}

/** Decrypts the fields for someone `allowed` to see them; everyone else gets nulls. */
export function openContact(
  key: Buffer,
  s: Pick<SealedContact, "id_number_enc" | "phone_enc" | "email_enc" | "address_enc">,
  allowed: boolean,
): ContactFields {
  const dec = (v: string | null) => (v && allowed ? decryptField(key, v) : null);
  return {
    idNumber: dec(s.id_number_enc),
    phone: dec(s.phone_enc),
    email: dec(s.email_enc),
    address: dec(s.address_enc),
  };
}
