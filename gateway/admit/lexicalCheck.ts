/**
 * The first look at a document, before it is parsed: its size, its token count and how deeply its braces and
 * brackets nest, read with graphql-js's lexer and stopped at the first limit exceeded. The parser is recursive,
 * so a document nested thousands of levels deep is refused here, never handed to it. A lexical error is left to
 * the parser, which reports it with its location.
 */
import { Lexer, Source, TokenKind, type GraphQLError } from 'graphql';
import { limitExceeded, type OperationLimits } from './operationLimits.ts';

export function lexicalCheck(query: string, limits: OperationLimits): GraphQLError | null {
  if (query.length > limits.maxDocumentBytes) {
    return limitExceeded('maxDocumentBytes', limits.maxDocumentBytes, query.length, `document is ${query.length} characters long`);
  }
  // Braces nest once per selection level; argument objects and lists may nest as deep again.
  const maxNesting = 2 * limits.maxDepth + 2;
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (++tokens > limits.maxTokens) {
        return limitExceeded('maxTokens', limits.maxTokens, tokens, `has more than ${limits.maxTokens} tokens`);
      }
      if (token.kind === TokenKind.BRACE_L || token.kind === TokenKind.BRACKET_L) {
        if (++nesting > maxNesting) {
          return limitExceeded('maxDepth', limits.maxDepth, nesting, `nests braces and brackets more than ${maxNesting} levels deep`);
        }
      } else if (token.kind === TokenKind.BRACE_R || token.kind === TokenKind.BRACKET_R) {
        nesting--;
      }
    }
  } catch {
    return null;
  }
  return null;
}
