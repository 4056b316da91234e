use super::*;
use chrono::{Duration, TimeZone};

fn day(n: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap() + Duration::days(n)
}

fn fact(kind: EventKind, n: i64, rating: Option<Rating>) -> Fact {
    Fact {
        kind,
        at: day(n),
        rating,
        spent_s: 0,
    }
}

fn done(n: i64) -> Fact {
    fact(EventKind::Done, n, Some(Rating::Good))
}

fn review(n: i64, rating: Rating) -> Fact {
    fact(EventKind::Review, n, Some(rating))
}

fn due_day(facts: &[Fact], settings: &ReviewSettings) -> i64 {
    let due = replay(facts, settings).due_at().expect("scheduled");
    (due - day(0)).num_days()
}

#[test]
fn nothing_rated_is_not_scheduled() {
    let s = ReviewSettings::default();
    assert_eq!(replay(&[], &s), Schedule::default());
    let started = [
        fact(EventKind::Start, 0, None),
        fact(EventKind::Note, 1, None),
    ];
    assert_eq!(replay(&started, &s).due_at(), None);
}

#[test]
fn the_first_review_is_due_days_after_done() {
    let s = ReviewSettings::default();
    let schedule = replay(&[done(0)], &s);
    let card = schedule.card.as_ref().unwrap();
    // FSRS-5's initial stability for good is 3.13 days; at 90% retention the interval is that.
    assert_eq!((card.due_at - day(0)).num_days(), 3);
    assert_eq!(card.reps, 1);
    assert_eq!(card.lapses, 0);
    assert_eq!(card.last_at, day(0));
    assert!((card.retrievability(day(0)) - 1.0).abs() < 1e-9);
    assert!(card.retrievability(day(3)) < 0.91 && card.retrievability(day(3)) > 0.89);
}

#[test]
fn the_first_rating_sets_the_first_interval() {
    let s = ReviewSettings::default();
    let days: Vec<i64> = Rating::ALL
        .iter()
        .map(|&r| due_day(&[fact(EventKind::Done, 0, Some(r))], &s))
        .collect();
    assert_eq!(days, vec![1, 2, 3, 15], "again, hard, good, easy");
}

#[test]
fn good_grows_the_interval_and_again_shrinks_it() {
    let s = ReviewSettings::default();
    let good = [done(0), review(3, Rating::Good)];
    let again = [done(0), review(3, Rating::Again)];
    let after_good = due_day(&good, &s) - 3;
    let after_again = due_day(&again, &s) - 3;
    assert!(after_good > 3, "good after 3 days: {after_good}");
    assert!(after_again < 3, "again after 3 days: {after_again}");
    let lapsed = replay(&again, &s).card.unwrap();
    assert_eq!((lapsed.reps, lapsed.lapses), (2, 1));
    let kept = replay(&good, &s).card.unwrap();
    assert_eq!((kept.reps, kept.lapses), (2, 0));
    assert!(kept.stability > lapsed.stability);
}

#[test]
fn the_schedule_is_the_replay_of_the_facts_in_the_order_given() {
    // The store hands facts over in time order; a review backdated before another replays first.
    let s = ReviewSettings::default();
    let in_time_order = [done(0), review(3, Rating::Good), review(12, Rating::Good)];
    let replayed = replay(&in_time_order, &s);
    assert_eq!(replayed.card.as_ref().unwrap().last_at, day(12));
    let out_of_order = [done(0), review(12, Rating::Good), review(3, Rating::Good)];
    assert_ne!(replay(&out_of_order, &s), replayed);
}

#[test]
fn a_higher_retention_gives_shorter_intervals() {
    let facts = [done(0), review(3, Rating::Good)];
    let at = |retention| {
        let s = ReviewSettings {
            retention,
            ..ReviewSettings::default()
        };
        due_day(&facts, &s)
    };
    assert!(at(0.97) < at(0.9), "{} vs {}", at(0.97), at(0.9));
    assert!(at(0.9) < at(0.7), "{} vs {}", at(0.9), at(0.7));
}

#[test]
fn the_interval_never_passes_the_maximum() {
    let s = ReviewSettings {
        max_interval: 10,
        ..ReviewSettings::default()
    };
    let easy = [fact(EventKind::Done, 0, Some(Rating::Easy))];
    assert_eq!(due_day(&easy, &s), 10);
}

#[test]
fn a_ticked_box_is_not_an_exposure_but_a_later_review_is() {
    let s = ReviewSettings::default();
    let ticked = fact(EventKind::Done, 0, None);
    assert_eq!(replay(std::slice::from_ref(&ticked), &s).due_at(), None);
    let reviewed = [ticked, review(40, Rating::Good)];
    assert_eq!(due_day(&reviewed, &s), 43, "scheduled from the review on");
    let unrated_review = [fact(EventKind::Review, 0, None)];
    assert_eq!(
        due_day(&unrated_review, &s),
        3,
        "an unrated review counts as good"
    );
}

#[test]
fn reset_forgets_the_card_and_suspend_holds_it() {
    let s = ReviewSettings::default();
    let reset = [done(0), fact(EventKind::Reset, 1, None)];
    assert_eq!(replay(&reset, &s), Schedule::default());
    let suspended = [done(0), fact(EventKind::Suspend, 1, None)];
    let schedule = replay(&suspended, &s);
    assert!(schedule.suspended);
    assert!(schedule.card.is_some(), "the card is kept");
    assert_eq!(schedule.due_at(), None);
    let resumed = [
        done(0),
        fact(EventKind::Suspend, 1, None),
        fact(EventKind::Resume, 20, None),
    ];
    assert_eq!(due_day(&resumed, &s), 3, "due again, and overdue");
}
