import { Model, Key, Column, Index, BelongsTo, HasMany } from '@tidemark/decorators';
import type { Uuid, Text } from '@tidemark/decorators';
import { Venue } from './venue.js';
import { Ticket } from './ticket.js';

/** An event at a venue. The foreign key to the venue is recorded, not enforced (DynamoDB has none). */
@Model()
@Index(['venueId', 'startsAt'])      // partition key venue_id, sort key starts_at: "a venue's programme"
export class Event {
  @Key() id!: Uuid;
  @Column({ length: 200 }) title!: string;
  description?: Text | null;
  @BelongsTo(() => Venue) venue!: Venue;
  venueId!: Uuid;
  startsAt!: Date;
  status: 'draft' | 'published' | 'cancelled' = 'draft';
  @HasMany(() => Ticket) tickets!: Ticket[];
}
