/** Admission: the checks between identifying the caller and letting Apollo parse anything. */
export { createAdmission, sha256, type Admission, type AdmissionOptions } from './admission.ts';
