// Pulled from table profiles by `tidemark migrate:pull`; edit it like any other model.
import { Model, Key, Unique, BelongsTo } from '@tidemark/decorators';
import type { Uuid, Relation } from '@tidemark/decorators';
import { Person } from './person.js';

@Model()
export class Profile {
  @Key() id!: Uuid;
  @BelongsTo(() => Person, { key: 'owner', onDelete: 'cascade', onUpdate: 'cascade' }) ownerRef!: Relation<Person>;
  @Unique() owner!: bigint;
}
