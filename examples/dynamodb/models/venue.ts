import { Model, Key, Column, Index, HasMany } from '@tidemark/decorators';
import type { Uuid } from '@tidemark/decorators';
import { Event } from './event.js';

/** A place where events happen. DynamoDB has no auto-increment: keys are UUIDs the app makes. */
@Model()
export class Venue {
  @Key() id!: Uuid;
  @Column({ length: 120 }) name!: string;
  @Index() city!: string;            // a global secondary index: "venues in Lisbon"
  capacity!: number;
  @HasMany(() => Event) events!: Event[];
}
