package io.circles.event.reminder;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Looks for activities whose reminder is due; safe to run on every replica at once (see {@link ReminderService}). */
@ApplicationScoped
public class ReminderJob {

    private final ReminderService reminders;

    ReminderJob(ReminderService reminders) {
        this.reminders = reminders;
    }

    @Scheduled(every = "${events.reminders.interval}", delayed = "${events.reminders.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDueReminders() {
        return reminders.sendDue().replaceWithVoid();
    }
}
