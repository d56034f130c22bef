/** Operation limits: what an operation may ask for, checked before it is parsed, validated or planned. */
export { createDocumentLimits, type DocumentLimits } from './documentLimits.ts';
export { estimateCost } from './estimateCost.ts';
export { lexicalCheck } from './lexicalCheck.ts';
export { measureDocument, type DocumentMeasure, type OperationMeasure } from './measureDocument.ts';
export { DEFAULT_OPERATION_LIMITS, LIMIT_CODES, limitExceeded, validateLimits, type LimitName, type OperationLimits } from './operationLimits.ts';
