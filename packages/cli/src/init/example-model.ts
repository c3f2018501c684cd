/** `ExampleBackend` is what the example model must respect on the config's backend (README: Backends). */
export interface ExampleBackend {
  /** MongoDB and DynamoDB have no sequences and refuse `@Auto()` keys: there the key is a `Uuid`. */
  readonly sequences: boolean;
  /** DynamoDB cannot enforce a unique index: there it is marked as enforced by the application. */
  readonly enforcesUnique: boolean;
}

/** `exampleModel` is the model `tidemark init` writes (README: Models), valid on the given backend. */
export function exampleModel({ sequences, enforcesUnique }: ExampleBackend): string {
  const key = sequences
    ? "  @Key() @Auto() id!: number;                 // integer primary key, auto-increment"
    : '  @Key() id!: Uuid;                           // this backend has no sequences: a UUID key';
  return `import { Model, Key, ${sequences ? 'Auto, ' : ''}Unique, Default } from '@tidemark/decorators';
${sequences ? '' : "import type { Uuid } from '@tidemark/decorators';\n"}
// An example model: edit it (or add files next to it), then run
//   npx tidemark migrate:generate -m "create users"   (writes a migration you can read and edit)
//   npx tidemark migrate:up                           (applies it)
@Model()                                     // table "users"
export class User {
${key}
  name!: string;                              // NOT NULL varchar(255)
${enforcesUnique
    ? '  @Unique() email!: string;                   // unique index'
    : "  @Unique({ enforced: 'application' }) email!: string;   // DynamoDB cannot enforce it: your code keeps it unique"}
  bio?: string | null;                        // nullable
  @Default(Default.now) createdAt!: Date;     // column created_at, current timestamp by default
}
`;
}
