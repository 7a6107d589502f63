import { InboxEvent } from './inbox-event.entity';
import { OutboxEvent } from './outbox-event.entity';

/** Add to a service's entity list next to CreateOutboxInbox1700000000000 in its migrations. */
export const outboxEntities = [OutboxEvent, InboxEvent];
