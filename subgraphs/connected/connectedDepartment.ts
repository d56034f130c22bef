/**
 * A department served from its mapping file, with no TypeScript of its own: the kit's "brings its own resources"
 * department, whose schema and resolvers come from the mapping and whose resources are the connected database
 * (a pool, opened and checked at start) or REST interface. Everything else is the kit's, as for any department:
 * grant verification, graphql-shield rules from the levels, masking, `/health`, `/ready`, metrics.
 *
 * The schema needs only the file, so composition, publishing and the catalogue work without reaching the
 * source; the source is reached when the subgraph starts, and a start that cannot serve the mapping fails,
 * naming the entry.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'graphql';
import { departmentTypeDefsOf, type ResourceDepartmentDefinition } from '../kit/index.ts';
import { sourceKind, type ConnectorMapping } from './mapping/mapping.ts';
import { schemaFromMapping } from './mapping/schemaFromMapping.ts';
import { MappingError, validateMapping } from './mapping/validateMapping.ts';
import { openRestInterface } from './rest/openRestInterface.ts';
import { restResolvers, type RestRequest } from './rest/restResolvers.ts';
import { DATABASE_DEFAULTS, openDatabase } from './sql/openDatabase.ts';
import { createRowLoaders } from './sql/rowLoaders.ts';
import { sqlResolvers, type SqlRequest } from './sql/sqlResolvers.ts';
import { tableReads } from './sql/tableReads.ts';

export type ConnectedRequest = SqlRequest | RestRequest;

export interface ConnectedDepartmentOptions {
  /** Where `${NAME}` in the mapping's source is read from. Default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Where warnings go (a writable account accepted with readOnly "session"). Default console.warn. */
  warn?: (message: string) => void;
}

export interface ConnectedDepartmentDefinition extends ResourceDepartmentDefinition<ConnectedRequest> {
  mapping: ConnectorMapping;
  mappingFile: string;
  /** The subgraph schema the mapping describes (what `schema.graphql` next to the mapping holds). */
  sdl: string;
  /** Statements (database) or calls (REST) the source answered since its resources were opened, over every opening. */
  sourceReads(): number;
}

/** Reads and checks a mapping file; a MappingError lists every problem, each naming its entry. */
export function readMappingFile(file: string): ConnectorMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new MappingError(file, [`the mapping file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new MappingError(file, [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`]);
  }
  return validateMapping(raw, file);
}

export function connectedDepartment(file: string, options: ConnectedDepartmentOptions = {}): ConnectedDepartmentDefinition {
  const mappingFile = resolve(file);
  const mapping = readMappingFile(mappingFile);
  const sdl = schemaFromMapping(mapping);
  let typeDefs;
  try {
    typeDefs = departmentTypeDefsOf(mapping.department, parse(sdl));
  } catch (error) {
    throw new MappingError(mappingFile, [`the schema it describes does not parse: ${error instanceof Error ? error.message : String(error)}`]);
  }
  const opened: { reads(): number }[] = [];
  const base = { id: mapping.department, title: mapping.title, typeDefs, mapping, mappingFile, sdl, sourceReads: () => opened.reduce((sum, o) => sum + o.reads(), 0) };

  if (sourceKind(mapping) === 'database') {
    const reads = tableReads(mapping);
    const maxKeysPerStatement = mapping.source.database!.maxKeysPerStatement ?? DATABASE_DEFAULTS.maxKeysPerStatement;
    return {
      ...base,
      resolvers: sqlResolvers(mapping, (table) => reads.columns.get(table) ?? []),
      async openResources() {
        const source = await openDatabase(mapping, { file: mappingFile, ...(options.env && { env: options.env }), ...(options.warn && { warn: options.warn }) });
        opened.push({ reads: () => source.statementsExecuted });
        return {
          forRequest: (): SqlRequest => ({ source, loaders: createRowLoaders({ department: mapping.department, source, reads, maxKeysPerStatement }) }),
          ready: () => source.ping(),
          close: () => source.close(),
        };
      },
    };
  }
  return {
    ...base,
    resolvers: restResolvers(mapping),
    async openResources() {
      const upstream = await openRestInterface(mapping, { file: mappingFile, ...(options.env && { env: options.env }) });
      opened.push({ reads: () => upstream.callsMade });
      return {
        forRequest: (): RestRequest => upstream.forRequest(),
        ready: () => upstream.ping(),
        close: async () => upstream.close(),
      };
    },
  };
}
