use super::*;
use chrono::FixedOffset;

/// Saturday 2026-11-28, noon UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 28, 12, 0, 0).unwrap()
}

fn at(input: &str) -> String {
    at_in(input, &Utc)
}

fn at_in<Tz: TimeZone>(input: &str, tz: &Tz) -> String {
    let got = parse(input, now(), tz, Purpose::At).unwrap_or_else(|e| panic!("{input}: {e}"));
    crate::store::format_time(got)
}

fn since_in<Tz: TimeZone>(input: &str, tz: &Tz) -> String {
    let got = parse(input, now(), tz, Purpose::Since).unwrap_or_else(|e| panic!("{input}: {e}"));
    crate::store::format_time(got)
}

#[test]
fn forms_documented_before_interim() {
    let cases = [
        ("2026-11-20T08:30:00Z", "2026-11-20T08:30:00Z"),
        ("2026-11-20T10:30:00+02:00", "2026-11-20T08:30:00Z"),
        ("2026-11-20", "2026-11-20T00:00:00Z"),
        ("2026-11-20 14:05", "2026-11-20T14:05:00Z"),
        ("today", "2026-11-28T12:00:00Z"),
        ("Yesterday", "2026-11-27T12:00:00Z"),
        ("3 days ago", "2026-11-25T12:00:00Z"),
        ("3d", "2026-11-25T12:00:00Z"),
        ("1 hour ago", "2026-11-28T11:00:00Z"),
        ("5h", "2026-11-28T07:00:00Z"),
        ("2w", "2026-11-14T12:00:00Z"),
    ];
    for (input, expected) in cases {
        assert_eq!(at(input), expected, "{input}");
    }
}

#[test]
fn natural_forms_through_interim() {
    let cases = [
        ("yesterday 14:00", "2026-11-27T14:00:00Z"),
        ("Yesterday  14:00", "2026-11-27T14:00:00Z"),
        ("2 weeks ago", "2026-11-14T12:00:00Z"),
        ("30m", "2026-11-28T11:30:00Z"),
        ("30 minutes ago", "2026-11-28T11:30:00Z"),
        ("-3d", "2026-11-25T12:00:00Z"),
        ("2026-11-27T14:00:00", "2026-11-27T14:00:00Z"),
        ("today 9:00", "2026-11-28T09:00:00Z"),
        ("9am", "2026-11-28T09:00:00Z"),
        ("11/27/2026", "2026-11-27T00:00:00Z"),
    ];
    for (input, expected) in cases {
        assert_eq!(at(input), expected, "{input}");
    }
}

#[test]
fn a_weekday_is_the_most_recent_one() {
    // `now` is a Saturday at noon.
    let cases = [
        ("monday", "2026-11-23T00:00:00Z"),
        ("Monday 9:30", "2026-11-23T09:30:00Z"),
        ("last monday", "2026-11-23T00:00:00Z"),
        ("fri", "2026-11-27T00:00:00Z"),
        // Today's weekday is today, unless the time is still to come: then a week ago.
        ("saturday 9:00", "2026-11-28T09:00:00Z"),
        ("saturday 13:00", "2026-11-21T13:00:00Z"),
    ];
    for (input, expected) in cases {
        assert_eq!(at(input), expected, "{input}");
    }
}

#[test]
fn since_today_and_yesterday_start_at_local_midnight() {
    assert_eq!(since_in("today", &Utc), "2026-11-28T00:00:00Z");
    assert_eq!(since_in("yesterday", &Utc), "2026-11-27T00:00:00Z");
    // At noon UTC it is already 21:00 in Tokyo; the local day began at 15:00 UTC the day before.
    let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
    assert_eq!(since_in("today", &tokyo), "2026-11-27T15:00:00Z");
    assert_eq!(since_in("yesterday", &tokyo), "2026-11-26T15:00:00Z");
    // Other forms mean the same for both purposes.
    assert_eq!(since_in("3d", &Utc), "2026-11-25T12:00:00Z");
}

#[test]
fn local_times_use_the_given_zone() {
    let paris = FixedOffset::east_opt(3600).unwrap();
    assert_eq!(at_in("2026-11-20 10:00", &paris), "2026-11-20T09:00:00Z");
    assert_eq!(at_in("yesterday 14:00", &paris), "2026-11-27T13:00:00Z");
    assert_eq!(at_in("monday 9:30", &paris), "2026-11-23T08:30:00Z");
}

#[test]
fn refusals() {
    for bad in [
        "tomorrow",
        "2026-13-01",
        "3 parsecs ago",
        "",
        "d",
        "2027-01-01",
        "next monday",
        "in 3 days",
    ] {
        assert!(
            parse(bad, now(), &Utc, Purpose::At).is_err(),
            "{bad} should be refused"
        );
    }
    let future = parse("2027-01-01", now(), &Utc, Purpose::At).unwrap_err();
    assert!(future.contains("is in the future"), "{future}");
    let unreadable = parse("3 parsecs ago", now(), &Utc, Purpose::At).unwrap_err();
    assert!(
        unreadable.starts_with("cannot read the time '3 parsecs ago'"),
        "{unreadable}"
    );
}

#[test]
fn day_words_look_back_a_week_then_give_the_date() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
    for (back, word) in [
        (0, "today"),
        (1, "yesterday"),
        (2, "Thu"),
        (6, "Sun"),
        (7, "2026-11-21"),
        (-1, "2026-11-29"),
    ] {
        assert_eq!(
            day_word(today - chrono::Duration::days(back), today),
            word,
            "{back}"
        );
    }
}
