//! Command-line types only. Doc comments here are the `--help` text.

use crate::complete;
use crate::model::{Kind, Rating, Status};
use clap::{Args, Parser, Subcommand};
use clap_complete::ArgValueCompleter;
use std::path::PathBuf;

// The texts after a command's help are written to fit 60 columns: clap would wrap a longer line
// mid-phrase on a narrow terminal (tests/cli/help.rs checks that examples come out whole).
const AFTER_HELP: &str = "\
Database: --db PATH, else $MLPATH_DB, else mlpath.db in
the platform data folder (~/.local/share/mlpath on Linux).
`mlpath where` shows the one in use.

Daily use:
  mlpath next              what to study now, and why
  mlpath start flexgen     ITEM: a slug, id or title words
  mlpath done flexgen -m \"KV cache offloading is key\"
  mlpath review flexgen
  mlpath undo              reverts the last command
  mlpath status            progress per section";

const UNDO_HELP: &str = "\
Example: mlpath undo
  mlpath review alpa orca   one command: undo reverts both
  mlpath redo               records them again
  mlpath undo orca          reverts orca's latest event
Plain `mlpath undo` reverts commands typed on this device,
never an import.";

const STATS_HELP: &str = "\
Example: mlpath stats --weeks 12
  mlpath config goal.date 2027-03-01   sets a goal
Study is what you record: start, done, review, note and
sessions (not boxes ticked in a list file). Days are
local dates; weeks start on Monday.";

const REVIEW_HELP: &str = "\
Example: mlpath review flexgen --rating hard
  mlpath review flexgen --edit      writes its review file
  mlpath review flexgen --suspend   pauses its reviews
Ratings: again (forgotten), hard, good (the default),
easy. FSRS sets the next review date from them;
`mlpath due` lists what is due.";

/// Track a markdown study list: what you started, finished and reviewed, and what to study next.
#[derive(Debug, Parser)]
#[command(name = "mlpath", version, after_help = AFTER_HELP, max_term_width = 100)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The database file to use [default: $MLPATH_DB, else mlpath.db in the data folder]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Print JSON instead of text
    #[arg(long, global = true)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import a markdown list file and follow it (without FILE: every recorded list)
    #[command(after_help = "Example: mlpath import README.md --dry-run")]
    Import(ImportArgs),
    /// List items in list order
    #[command(after_help = "Example: mlpath list --status started --kind paper")]
    List(ListArgs),
    /// Show an item: its links, status and timeline
    #[command(after_help = "Example: mlpath show flexgen")]
    Show(ShowArgs),
    /// Mark items as started
    #[command(after_help = "Example: mlpath start flexgen -m \"reading section 3\"")]
    Start(MarkArgs),
    /// Mark items as done (papers then fall due for review)
    #[command(
        after_help = "Example: mlpath done alpa orca --at yesterday\n  mlpath done flexgen --rating hard"
    )]
    Done(DoneArgs),
    /// Record a rated review; suspend, resume or write reviews
    #[command(after_help = REVIEW_HELP)]
    Review(ReviewArgs),
    /// Items due for review, most overdue first
    #[command(after_help = "Example: mlpath due -n 5")]
    Due(DueArgs),
    /// Set items aside: they leave `next` and the progress denominator
    #[command(after_help = "Example: mlpath skip backprop")]
    Skip(MarkArgs),
    /// Return items to todo (their history is kept)
    #[command(after_help = "Example: mlpath reset flexgen")]
    Reset(MarkArgs),
    /// End the study session `start` opened (done, review and skip of its item end it too)
    #[command(
        after_help = "Example: mlpath stop\n  mlpath done flexgen --spent 1h30m   no clock needed"
    )]
    Stop(StopArgs),
    /// Add a note to an item; --edit corrects the latest note, --rm withdraws it
    #[command(after_help = "Example: mlpath note flexgen \"offloading policy is an LP\"")]
    Note(NoteArgs),
    /// Revert the last command typed here (all its events), or ITEM's latest event
    #[command(after_help = UNDO_HELP)]
    Undo(UndoArgs),
    /// Re-apply what the last undo reverted (until another command is typed)
    #[command(after_help = "Example: mlpath redo")]
    Redo,
    /// Progress per section, with a headline (the default command)
    #[command(after_help = "Example: mlpath status --depth 1")]
    Status(StatusArgs),
    /// Streaks, weeks, a heatmap of study, the pace and when the list would be finished
    #[command(after_help = STATS_HELP)]
    Stats(StatsArgs),
    /// What to study next, and why
    #[command(after_help = "Example: mlpath next --kind video -n 5 --explain")]
    Next(NextArgs),
    /// The timeline of events across all items, newest first
    #[command(after_help = "Example: mlpath log --since \"7 days ago\"")]
    Log(LogArgs),
    /// Open an item's link in the browser ($BROWSER, else the system default)
    #[command(after_help = "Example: mlpath open flexgen --link review")]
    Open(OpenArgs),
    /// Add an item that is not in the markdown list
    #[command(
        after_help = "Example: mlpath add \"Attention Is All You Need\" \\\n    --section \"Papers / LLM\" \\\n    --url https://arxiv.org/abs/1706.03762"
    )]
    Add(AddArgs),
    /// Write everything out as JSON, CSV or markdown
    #[command(after_help = "Example: mlpath export --format markdown -o progress.md")]
    Export(ExportArgs),
    /// Write a self-contained HTML report: charts of your progress, then every item
    #[command(after_help = "Example: mlpath report -o ~/progress.html --open")]
    Report(ReportArgs),
    /// Load a JSON export into a new or empty database
    #[command(after_help = "Example: mlpath --db new.db restore backup.json")]
    Restore(RestoreArgs),
    /// Copy the database safely, even while another mlpath runs
    #[command(after_help = "Example: mlpath backup ~/mlpath-backup.db")]
    Backup(BackupArgs),
    /// Print a shell completion script
    #[command(
        after_help = "Example: mlpath completions fish \\\n    > ~/.config/fish/completions/mlpath.fish"
    )]
    Completions(CompletionsArgs),
    /// Give a removed item's history to the item that replaced it (renamed in its list)
    #[command(after_help = "Example: mlpath relink flexgen flexgen-high-throughput")]
    Relink(RelinkArgs),
    /// Change an item added by hand (a list's items are changed in their file)
    #[command(
        after_help = "Example: mlpath edit attention-notes --kind paper\n  (an item from mlpath add)"
    )]
    Edit(EditArgs),
    /// Remove items added by hand (hidden, their history kept)
    #[command(after_help = "Example: mlpath rm attention-notes\n  (an item from mlpath add)")]
    Rm(RmArgs),
    /// The list files mlpath follows, with their progress (`lists rm NAME` stops one)
    #[command(after_help = "Example: mlpath lists rm Awesome-LLM")]
    Lists(ListsArgs),
    /// Write each item's status into its list file as a task box ([x] done, [ ] not)
    #[command(after_help = WRITEBACK_HELP)]
    Writeback(WritebackArgs),
    /// Share the history with other devices through a folder or a git repository
    #[command(after_help = SYNC_HELP)]
    Sync(SyncArgs),
    /// Show or change settings (`config`, `config KEY`, `config KEY VALUE`)
    #[command(after_help = "Example: mlpath config list.refresh off")]
    Config(ConfigArgs),
    /// Show the database in use, its schema version and the imported list
    #[command(after_help = "Example: mlpath where")]
    Where,
    /// Print the manual page (roff), generated from this help
    #[command(after_help = "Example: mlpath man > ~/.local/share/man/man1/mlpath.1")]
    Man,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The markdown file; omit it to re-import every recorded list
    pub file: Option<PathBuf>,
    /// Import the built-in list instead of a file
    #[arg(long, conflicts_with = "file")]
    pub seed: bool,
    /// The list's name (default: the file's first `# heading`, else its file name)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// Show what would change, item by item, without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ListsArgs {
    #[command(subcommand)]
    pub command: Option<ListsCommand>,
}

#[derive(Debug, Subcommand)]
pub enum ListsCommand {
    /// Stop following a list: its items that no other list holds become removed (history kept)
    Rm {
        /// The list's name, as `mlpath lists` shows it
        #[arg(add = ArgValueCompleter::new(complete::lists))]
        name: String,
    },
}

#[derive(Debug, Args)]
pub struct RelinkArgs {
    /// The removed item whose history moves
    #[arg(add = ArgValueCompleter::new(complete::removed_slugs))]
    pub old: String,
    /// The item that replaced it
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub new: String,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// The item: id, slug, slug prefix or words of the title
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub item: String,
    /// Its new title
    #[arg(long)]
    pub title: Option<String>,
    /// Its new URL
    #[arg(long)]
    pub url: Option<String>,
    /// Its new section path, levels separated by " / "
    #[arg(long, value_name = "PATH")]
    pub section: Option<String>,
    /// Its new kind
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// Where it was published, e.g. ICML'23 (gives the year too)
    #[arg(long)]
    pub venue: Option<String>,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct RmArgs {
    /// The items: ids, slugs, slug prefixes or words of the title
    #[arg(required = true, value_name = "ITEM", add = ArgValueCompleter::new(complete::slugs))]
    pub items: Vec<String>,
}

const WRITEBACK_HELP: &str = "Only box characters change; every other byte stays.
A file changed since its last import is refused: import
it first. Setting list.write-back on writes each status
change at once.

Example: mlpath writeback --add-boxes --dry-run";

#[derive(Debug, Args)]
pub struct WritebackArgs {
    /// Only the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
    /// Also put a box after the bullet of list items that have none
    #[arg(long)]
    pub add_boxes: bool,
    /// Say what would change, write nothing
    #[arg(long)]
    pub dry_run: bool,
}

const SYNC_HELP: &str = "\
Example: mlpath sync ~/notes/mlpath
The first call keeps the folder as sync.dir; later, plain
`mlpath sync` exchanges events with the other devices.
Each device appends its events to its own
<device-id>.jsonl and reads the others'. In a git work
tree, sync pulls, commits only its journal and pushes when
the branch has an upstream. Settings stay per device; with
sync.notes off, notes stay here too.";

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// The shared folder (a git work tree, a Syncthing or Dropbox folder); recorded the first time
    pub dir: Option<PathBuf>,
    /// Do not run git, even inside a git work tree
    #[arg(long)]
    pub no_git: bool,
    /// Give this database its own journal: for a copy of another device's database
    #[arg(long)]
    pub new_device: bool,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The setting, e.g. list.refresh
    pub key: Option<String>,
    /// Its new value (on|off for switches)
    pub value: Option<String>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Include items that are no longer in the list
    #[arg(long)]
    pub all: bool,
    /// Only items with this status (repeatable)
    #[arg(long, value_enum, ignore_case = true)]
    pub status: Vec<Status>,
    /// Only items of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// Only items whose section path contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub section: Option<String>,
    /// Only items with all WORDS in the title, venue or notes
    #[arg(long, value_name = "WORDS")]
    pub search: Option<String>,
    /// Only items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The item: id, slug, slug prefix or words of the title
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub item: String,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct MarkArgs {
    /// The items: ids, slugs, slug prefixes or words of the title (quote several words)
    #[arg(required = true, value_name = "ITEM", add = ArgValueCompleter::new(complete::slugs))]
    pub items: Vec<String>,
    /// A note stored with the event
    #[arg(short = 'm', long = "note", value_name = "TEXT")]
    pub note: Option<String>,
    /// When it happened, in local time: YYYY-MM-DD, "YYYY-MM-DD HH:MM", RFC 3339, today (now),
    /// yesterday (24 hours ago), "yesterday 14:00", "last monday", "monday 9:30" (the most
    /// recent Monday), "2 weeks ago", 3d, 5h, 30m (ago)
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Record a study session of this length ending now (or at --at): 45m, 1h30m, "90 min"
    #[arg(long, value_name = "DURATION")]
    pub spent: Option<String>,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct DoneArgs {
    #[command(flatten)]
    pub mark: MarkArgs,
    /// How well you understood it: again, hard, good or easy (sets the first review date)
    #[arg(long, value_enum, ignore_case = true, default_value_t = Rating::Good, value_name = "RATING")]
    pub rating: Rating,
}

#[derive(Debug, Args)]
pub struct ReviewArgs {
    #[command(flatten)]
    pub mark: MarkArgs,
    /// How well you remembered it: again, hard, good or easy
    #[arg(long, value_enum, ignore_case = true, default_value_t = Rating::Good, value_name = "RATING")]
    pub rating: Rating,
    /// Stop scheduling reviews of the items (their history is kept)
    #[arg(long, conflicts_with_all = ["resume", "edit", "print_path", "rating", "note", "at"])]
    pub suspend: bool,
    /// Schedule reviews of suspended items again
    #[arg(long, conflicts_with_all = ["edit", "print_path", "rating", "note", "at"])]
    pub resume: bool,
    /// Open the item's review file in $VISUAL or $EDITOR; saving a change records the review
    #[arg(long, conflicts_with = "print_path")]
    pub edit: bool,
    /// Print the path of the item's review file; changes nothing
    #[arg(long, conflicts_with_all = ["rating", "note", "at"])]
    pub print_path: bool,
}

#[derive(Debug, Args)]
pub struct DueArgs {
    /// At most N items
    #[arg(short = 'n', value_name = "N")]
    pub n: Option<usize>,
    /// Only items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct NoteArgs {
    /// The item
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub item: String,
    /// The note; without it, $VISUAL or $EDITOR opens to write one
    pub text: Vec<String>,
    /// When it happened (same forms as for `done --at`)
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
    /// Record a study session of this length ending now (or at --at): 45m, 1h30m, "90 min"
    #[arg(long, value_name = "DURATION")]
    pub spent: Option<String>,
    /// Correct the item's latest note: TEXT replaces it, else it opens in $VISUAL or $EDITOR
    #[arg(long, conflicts_with_all = ["at", "spent", "rm"])]
    pub edit: bool,
    /// Withdraw the item's latest note (`mlpath undo` brings it back)
    #[arg(long, conflicts_with_all = ["at", "spent", "text"])]
    pub rm: bool,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct StopArgs {
    /// When the session ended (same forms as for `done --at`; default now)
    #[arg(long, value_name = "WHEN")]
    pub at: Option<String>,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    /// Only undo this item's latest event (of any command, an import's too)
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub item: Option<String>,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args, Default)]
pub struct StatusArgs {
    /// Only items of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// Only sections whose path contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub section: Option<String>,
    /// Roll sections up to N levels (1 gives the top-level sections)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub depth: Option<u16>,
    /// Only items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Weeks in the table, this one last
    #[arg(long, default_value_t = crate::stats::DEFAULT_WEEKS, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=520))]
    pub weeks: u16,
    /// Only items of the list named NAME (see `mlpath lists`): its activity, pace, ETA and goal
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct NextArgs {
    /// How many suggestions
    #[arg(short = 'n', default_value_t = 3, value_name = "N", value_parser = count)]
    pub n: usize,
    /// Only items of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// Only items whose section path contains TEXT (any case)
    #[arg(long, value_name = "TEXT")]
    pub section: Option<String>,
    /// Show the value of every ranking term
    #[arg(long)]
    pub explain: bool,
    /// Only items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// Only events since WHEN (same forms as `done --at`; today and yesterday start at midnight)
    #[arg(long, value_name = "WHEN")]
    pub since: Option<String>,
    /// How many events
    #[arg(short = 'n', default_value_t = 20, value_name = "N", value_parser = count)]
    pub n: usize,
    /// Include events of items no longer in the list
    #[arg(long)]
    pub all: bool,
    /// Only items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct OpenArgs {
    /// The item
    #[arg(add = ArgValueCompleter::new(complete::slugs))]
    pub item: String,
    /// Open the link with this label instead of the primary URL (e.g. review)
    #[arg(long, value_name = "LABEL")]
    pub link: Option<String>,
    /// Print the URL instead of opening it
    #[arg(long)]
    pub print: bool,
    /// Also match items that are no longer in the list
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The title
    pub title: String,
    /// Its URL
    #[arg(long)]
    pub url: Option<String>,
    /// Section path, levels separated by " / " (e.g. "Papers / LLM")
    #[arg(long, value_name = "PATH")]
    pub section: Option<String>,
    /// Its kind (default: from the section name or the URL)
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<Kind>,
    /// Where it was published, e.g. ICML'23 (gives the year too)
    #[arg(long)]
    pub venue: Option<String>,
    /// Add it even if an item already has this title
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Markdown,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// What to write
    #[arg(long, value_enum, ignore_case = true, default_value_t = ExportFormat::Json)]
    pub format: ExportFormat,
    /// Write to FILE instead of standard output (`-` is standard output); the file is replaced
    /// atomically, through a symlink, keeping its mode; a new one is private (0600)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// With -o FILE, print what was written as JSON (format, path, bytes); to standard output
    /// the JSON export itself (not with CSV or markdown)
    // The global `--json` with this command's own help: clap does not add a global argument to
    // a command that has one of the same id, and sets both from either place. Read
    // `GlobalArgs::json`.
    #[arg(long = "json")]
    pub json: bool,
    /// Only the items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Where to write the page (`-` is standard output); replaced atomically, like export's
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        default_value = "mlpath-report.html"
    )]
    pub output: PathBuf,
    /// Print what was written as JSON (path, bytes, opened); not with `-o -`
    // The global `--json` with this command's own help: clap does not add a global argument to
    // a command that has one of the same id, and sets both from either place. Read
    // `GlobalArgs::json`.
    #[arg(long = "json")]
    pub json: bool,
    /// Open the written page in the browser ($BROWSER, else the system default)
    #[arg(long)]
    pub open: bool,
    /// Include your notes (left out by default: a report may be shared or published)
    #[arg(long)]
    pub notes: bool,
    /// Only the items of the list named NAME (see `mlpath lists`)
    #[arg(long, value_name = "NAME", add = ArgValueCompleter::new(complete::lists))]
    pub list: Option<String>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A file written by `mlpath export --format json`
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy: a new file, or a folder to put a dated copy in (default: beside
    /// the database, with the date in its name)
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum, ignore_case = true)]
    pub shell: clap_complete::Shell,
}

// The domain types know nothing of clap; their command-line values are their stored names.
impl clap::ValueEnum for Kind {
    fn value_variants<'a>() -> &'a [Self] {
        &Kind::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

impl clap::ValueEnum for Rating {
    fn value_variants<'a>() -> &'a [Self] {
        &Rating::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

impl clap::ValueEnum for Status {
    fn value_variants<'a>() -> &'a [Self] {
        &Status::ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

/// The most `-n` can ask for; a larger number means as many as there are.
pub const MAX_COUNT: usize = 1_000_000;

/// A count for `-n`: a whole number, bounded by `MAX_COUNT` (`-n 99999999999999999999` is "all").
fn count(text: &str) -> Result<usize, String> {
    let digits = text.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("'{text}' is not a whole number such as 5"));
    }
    Ok(digits
        .parse::<usize>()
        .map_or(MAX_COUNT, |n| n.min(MAX_COUNT)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every argument with a fixed set of values, in every subcommand, as clap knows them.
    fn enum_args(command: &clap::Command, path: &str, out: &mut Vec<(String, bool)>) {
        for arg in command.get_arguments() {
            if !arg.get_possible_values().is_empty() && arg.get_action().takes_values() {
                out.push((
                    format!("{path} --{}", arg.get_id()),
                    arg.is_ignore_case_set(),
                ));
            }
        }
        for sub in command.get_subcommands() {
            enum_args(sub, &format!("{path} {}", sub.get_name()), out);
        }
    }

    #[test]
    fn every_value_of_a_fixed_set_is_accepted_in_any_case() {
        let mut args = Vec::new();
        enum_args(&Cli::command(), "mlpath", &mut args);
        assert!(args.len() >= 7, "{args:?}");
        let strict: Vec<&String> = args.iter().filter(|(_, ok)| !ok).map(|(a, _)| a).collect();
        assert!(strict.is_empty(), "add `ignore_case = true` to {strict:?}");
    }
}
