import { Model, Key, Column, Index, BelongsTo } from '@tidemark/decorators';
import type { Decimal, Uuid } from '@tidemark/decorators';
import { Event } from './event.js';

/** A seat sold for an event: the key is the pair (partition key event_id, sort key seat). */
@Model()
export class Ticket {
  @Key() eventId!: Uuid;
  @Key() @Column({ length: 12 }) seat!: string;
  @BelongsTo(() => Event) event!: Event;
  @Column({ precision: 8, scale: 2 }) price!: Decimal;
  @Index() holderEmail?: string | null;   // a sparse GSI: only sold tickets have a holder
  checkedInAt?: Date | null;
}
