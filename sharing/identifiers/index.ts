/**
 * Chinese government identifiers with their real check characters: the resident ID (GB 11643) and the unified
 * social credit code (GB 32100). Each can be made from its parts and validated with an actionable reason.
 */
export type { IdentifierCheck } from './result.ts';
export { makeResidentId, residentIdCheckDigit, residentIdOf, validateResidentId, type BirthDay } from './residentId.ts';
export {
  creditCodeCheckCharacter,
  makeCreditCode,
  organizationCodeCheckCharacter,
  validateCreditCode,
  type CreditCodeParts,
} from './creditCode.ts';
