use super::*;
use crate::progress::Counts;
use chrono::FixedOffset;

/// Saturday 2026-11-28 09:00 UTC, the clock of the integration tests.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 9, 0, 0).unwrap()
}

fn date(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

/// One event at `hour` UTC on 2026-`m`-`d`, with `done` finishes among them.
fn at(m: u32, d: u32, hour: u32) -> Bucket {
    Bucket {
        at: Utc.with_ymd_and_hms(2026, m, d, hour, 0, 0).unwrap(),
        events: 1,
        ..Bucket::default()
    }
}

fn done(m: u32, d: u32, n: u64) -> Bucket {
    Bucket {
        events: n,
        done: n,
        ..at(m, d, 12)
    }
}

fn section(name: &str, todo: u64, started: u64, done: u64) -> SectionProgress {
    SectionProgress {
        list: None,
        section: vec![name.to_string()],
        counts: Counts {
            total: todo + started + done,
            todo,
            started,
            done,
            ..Counts::default()
        },
        percent: 0.0,
    }
}

fn input(activity: Vec<Bucket>) -> Input {
    Input {
        now: now(),
        activity,
        sections: vec![section("Papers", 10, 2, 5), section("Videos", 0, 0, 3)],
        goal: None,
        weeks: DEFAULT_WEEKS.into(),
        heatmap_weeks: HEATMAP_WEEKS,
    }
}

#[test]
fn streaks_count_consecutive_local_days() {
    // 28, 27, 26 then a gap, then a run of four (20..=17).
    let activity = [28, 27, 26, 20, 19, 18, 17, 10]
        .into_iter()
        .map(|d| at(11, d, 8))
        .collect();
    let s = summarize(&input(activity), &Utc);
    assert_eq!((s.streak_current, s.streak_longest), (3, 4));
}

#[test]
fn a_streak_ending_yesterday_stands_until_today_ends() {
    let s = summarize(&input(vec![at(11, 27, 8), at(11, 26, 8)]), &Utc);
    assert_eq!((s.streak_current, s.streak_longest), (2, 2));
    let s = summarize(&input(vec![at(11, 26, 8)]), &Utc);
    assert_eq!((s.streak_current, s.streak_longest), (0, 1));
}

#[test]
fn days_are_local_dates_in_the_time_zone() {
    // 23:30 UTC on the 27th is the 28th in UTC+2, so the streak there is 28 and 27 (from 20:00).
    let late = Bucket {
        at: Utc.with_ymd_and_hms(2026, 11, 27, 23, 30, 0).unwrap(),
        events: 1,
        ..Bucket::default()
    };
    let activity = vec![late, at(11, 27, 20)];
    let utc = summarize(&input(activity.clone()), &Utc);
    assert_eq!(utc.streak_current, 1, "both on the 27th in UTC");
    let plus2 = summarize(&input(activity), &FixedOffset::east_opt(2 * 3600).unwrap());
    assert_eq!(plus2.streak_current, 2);
    assert_eq!(plus2.days.last().unwrap().date, date(11, 28));
    assert_eq!(plus2.days.last().unwrap().events, 1);
}

#[test]
fn weeks_start_on_monday_and_end_with_this_one() {
    let sessions = Bucket {
        spent_s: 5400,
        events: 2,
        ..at(11, 23, 10)
    };
    let review = Bucket {
        reviews: 1,
        ..at(11, 22, 10)
    };
    let s = summarize(&input(vec![sessions, review, done(11, 28, 2)]), &Utc);
    assert_eq!(s.weeks.len(), 8);
    let this = s.weeks[7];
    assert_eq!(
        this.week_start,
        date(11, 23),
        "the Monday of Saturday the 28th"
    );
    assert_eq!((this.done, this.reviews, this.time_spent_s), (2, 0, 5400));
    let last = s.weeks[6];
    assert_eq!(last.week_start, date(11, 16));
    assert_eq!((last.done, last.reviews), (0, 1), "Sunday the 22nd ends it");
    assert_eq!(s.weeks[0].week_start, date(10, 5));
}

#[test]
fn the_heatmap_covers_26_weeks_from_a_monday_to_today() {
    let s = summarize(&input(vec![at(11, 28, 8)]), &Utc);
    assert_eq!(
        s.days.len(),
        25 * 7 + 6,
        "25 whole weeks, then Monday to Saturday"
    );
    assert_eq!(s.days[0].date, date(6, 1));
    assert_eq!(s.days[0].date.weekday(), chrono::Weekday::Mon);
    assert!(s.days[..s.days.len() - 1].iter().all(|d| d.events == 0));
}

#[test]
fn pace_counts_finishes_of_the_last_28_days() {
    // 9 finishes from the 1st (the oldest day of the window) to today; one on the 31st of
    // October, a day too old.
    let activity = vec![
        done(11, 1, 4),
        done(11, 20, 3),
        done(11, 28, 2),
        done(10, 31, 5),
    ];
    let s = summarize(&input(activity), &Utc);
    assert_eq!(s.done_recently, 9);
    assert_eq!(s.pace_per_week, 2.25);
    assert_eq!(s.left, 12);
    // 12 left at 2.25 a week: 37.33 days, so 38 days from the 28th.
    assert_eq!(s.eta, Some(date(11, 28) + Days::new(38)));
    assert_eq!(
        s.sections,
        vec![SectionEta {
            section: vec!["Papers".into()],
            left: 12,
            eta: s.eta,
        }],
        "a section with nothing left has no ETA"
    );
}

#[test]
fn without_finishes_there_is_no_eta() {
    let s = summarize(&input(vec![at(11, 28, 8)]), &Utc);
    assert_eq!((s.pace_per_week, s.eta), (0.0, None));
    assert_eq!(s.sections[0].eta, None);
    assert!(s.any_activity);
    let nothing = summarize(&input(vec![]), &Utc);
    assert!(!nothing.any_activity);
    assert_eq!((nothing.streak_current, nothing.streak_longest), (0, 0));
}

#[test]
fn goals_say_the_pace_needed_and_how_far_behind() {
    // 12 left, 2 a week (8 finishes in 4 weeks).
    let mut i = input(vec![done(11, 20, 8)]);
    i.goal = Some(date(11, 28) + Days::new(42));
    let on_track = summarize(&i, &Utc).goal.unwrap();
    assert_eq!(on_track.days_left, 42);
    assert_eq!(on_track.pace_needed, Some(2.0));
    assert!(on_track.on_track);
    assert_eq!(on_track.behind, 0);

    i.goal = Some(date(11, 28) + Days::new(28));
    let behind = summarize(&i, &Utc).goal.unwrap();
    assert_eq!(behind.pace_needed, Some(3.0));
    assert!(!behind.on_track);
    assert_eq!(behind.behind, 4, "8 of the 12 done in four weeks");

    // On the goal's day that day is left: 12 in a day is 84 a week.
    i.goal = Some(date(11, 28));
    let today = summarize(&i, &Utc).goal.unwrap();
    assert_eq!(today.days_left, 0);
    assert_eq!(today.pace_needed, Some(84.0));
    assert_eq!((today.on_track, today.behind), (false, 12));

    i.goal = Some(date(11, 1));
    let passed = summarize(&i, &Utc).goal.unwrap();
    assert_eq!(passed.days_left, -27);
    assert_eq!(passed.pace_needed, None);
    assert_eq!((passed.on_track, passed.behind), (false, 12));

    i.sections = vec![section("Videos", 0, 0, 3)];
    let reached = summarize(&i, &Utc).goal.unwrap();
    assert_eq!((reached.on_track, reached.behind), (true, 0));
}

#[test]
fn buckets_split_hours_where_a_local_day_begins() {
    let zone = |minutes: i32| FixedOffset::east_opt(minutes * 60).unwrap();
    assert_eq!(bucket_minute(&Utc, now()), 0);
    assert_eq!(bucket_minute(&zone(120), now()), 0);
    assert_eq!(
        bucket_minute(&zone(330), now()),
        30,
        "India: midnight is 18:30 UTC"
    );
    assert_eq!(bucket_minute(&zone(345), now()), 15, "Nepal: 18:15 UTC");
    assert_eq!(
        bucket_minute(&zone(-210), now()),
        30,
        "Newfoundland: 03:30 UTC"
    );
}

#[test]
fn an_eta_beyond_the_calendar_is_none() {
    assert_eq!(eta(u64::MAX, 0.25, date(11, 28)), None);
    assert_eq!(eta(1, 7.0, date(11, 28)), Some(date(11, 29)));
}

#[test]
fn minutes_add_up_per_local_day() {
    use chrono::{FixedOffset, TimeZone};
    let tz = FixedOffset::east_opt(2 * 3600).unwrap();
    let at = |d, h| Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap();
    // 23:00 UTC on the 27th is already the 28th at UTC+2.
    let days = by_local_day(vec![(at(27, 10), 1), (at(27, 23), 2), (at(28, 9), 3)], &tz);
    let date = |d| chrono::NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    assert_eq!(days, [(date(27), 1), (date(28), 5)]);
}

#[test]
fn a_goal_set_today_or_later_is_accepted_and_a_past_one_refused() {
    let today = date(11, 28);
    assert_eq!(check_goal_ahead("2026-11-28", today), Ok(()));
    assert_eq!(check_goal_ahead("2027-01-01", today), Ok(()));
    assert_eq!(check_goal_ahead("none", today), Ok(()));
    assert_eq!(
        check_goal_ahead("2026-11-27", today).unwrap_err(),
        "2026-11-27 is already past (today is 2026-11-28); give today or a later date, or none"
    );
}
