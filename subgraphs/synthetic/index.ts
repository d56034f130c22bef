/**
 * The synthetic population every department seeds from: `createPopulation(options)` gives the same residents,
 * enterprises and couples to every department, record by record, from (seed, index). See types.ts for the shape.
 */
export type {
  Couple,
  EnterpriseRecord,
  EnterpriseStatus,
  EnterpriseType,
  Gender,
  PersonRecord,
  Population,
  PopulationOptions,
  Random,
} from './types.ts';
export { createPopulation, DEFAULT_POPULATION } from './population.ts';
/** Date arithmetic on the population's calendar (ISO dates, day numbers, ages as of `CENSUS_DATE`). */
export { anniversary, CENSUS_DATE, dayNumber, dayNumberOf, hasReachedAge, isoDate } from './calendar.ts';
export { REGIONS, regionByCode, type Region } from './regions.ts';
