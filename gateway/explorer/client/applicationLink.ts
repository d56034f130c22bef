/**
 * The link from a catalogue entry to a pre-filled application in GraphiQL: the platform's `applyForSharing`
 * mutation with the provider, the item and a year's validity filled in, and the purpose, legal basis and
 * scenario left for the applicant to state.
 */

export const APPLICATION_MUTATION = `# Apply for conditional items as your department's dept-admin: replace the <…> values, then run.
# The provider answers within its reply period; the application's id can then be named in X-Purpose.
mutation ApplyForSharing($input: SharingApplicationInput!) {
  applyForSharing(input: $input) {
    message
    availableWithoutApplication
    application { id status provider items purpose validFrom validUntil deadline }
  }
}
`;

export function applicationLink(provider: string, items: string[], today: Date = new Date()): string {
  const nextYear = new Date(Date.UTC(today.getUTCFullYear() + 1, today.getUTCMonth(), today.getUTCDate()));
  const variables = {
    input: {
      provider,
      items,
      // Placeholders that the platform refuses as they are: nothing is applied for by accident.
      purpose: '<purpose-code>',
      legalBasis: '<the law and article this use rests on>',
      scenario: '<the service the data is used in>',
      validUntil: nextYear.toISOString().slice(0, 10),
    },
  };
  const search = new URLSearchParams({ query: APPLICATION_MUTATION, variables: JSON.stringify(variables, null, 2) });
  return `/graphiql?${search}`;
}
