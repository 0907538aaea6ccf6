"""Generate realistic portfolios of N entries quickly, through the real storage code."""

from __future__ import annotations

import argparse
import hashlib
import random
import struct
import sys
import time
import uuid
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

from ssup_desktop.content import load_all
from ssup_desktop.domain.evidence import AttachmentInfo, Evidence, Link, utc_now
from ssup_desktop.domain.profile import Profile
from ssup_desktop.domain.sfia import Edition, Skill
from ssup_desktop.export.interchange import export_json
from ssup_desktop.sample import pdf_one_page
from ssup_desktop.services import PortfolioService

Entry = tuple[Evidence, dict[uuid.UUID, bytes]]

YEARS = 6
DEFAULT_SEED = 20240501
# Words the search benchmark types; each occurs in many generated entries.
SEARCH_WORDS = ("proposal", "demonstration", "customer")

CUSTOMERS = (
    "Contoso",
    "Fabrikam",
    "Northwind Traders",
    "Tailspin Toys",
    "Wingtip Bank",
    "Litware",
    "Adventure Works",
    "Woodgrove Insurance",
    "Proseware",
    "Lamna Healthcare",
    "Alpine Ski House",
    "Margie's Travel",
    "Coho Winery",
    "Trey Research",
    "Blue Yonder Airlines",
    "Humongous Insurance",
    "Fourth Coffee",
    "Relecloud",
    "VanArsdel",
    "Wide World Importers",
)
PRODUCTS = (
    "the analytics platform",
    "the CRM integration",
    "the managed backup service",
    "the field-service app",
    "the security add-on",
    "the data warehouse bundle",
    "the partner portal",
    "the subscription billing module",
    "the IoT gateway",
    "the support desk suite",
)
ACTIVITIES = (
    ("Prepared", "a tender response"),
    ("Ran", "a product demonstration"),
    ("Answered", "a security questionnaire"),
    ("Built", "a proof of concept"),
    ("Wrote", "a technical proposal"),
    ("Priced", "a renewal proposal"),
    ("Coordinated", "a customer workshop"),
    ("Qualified", "an inbound lead"),
    ("Reviewed", "contract terms"),
    ("Presented", "a solution overview"),
    ("Handled", "a pricing escalation"),
    ("Mentored", "a new pre-sales colleague"),
    ("Designed", "a demo environment"),
    ("Updated", "the bid library"),
    ("Negotiated", "a pilot scope"),
)
TAGS = (
    "tender",
    "RFP",
    "demo",
    "proposal",
    "pricing",
    "security",
    "workshop",
    "renewal",
    "escalation",
    "customer service",
    "onboarding",
    "mentoring",
    "bid library",
    "proof of concept",
    "contract",
    "partner",
    "public sector",
    "healthcare",
    "finance",
    "retail",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "win",
    "loss review",
    "compliance",
    "GDPR",
    "cloud",
    "integration",
    "training",
    "process improvement",
    "forecasting",
    "CRM",
    "presentation",
    "negotiation",
    "stakeholders",
    "handover",
    "follow-up",
    "lessons learned",
)
SITUATIONS = (
    "{customer} asked for {product} with only {days} days before their deadline.",
    "The account team at {customer} had stalled after the first meeting about {product}.",
    "A new {sector} prospect, {customer}, wanted to compare us with two competitors.",
    "Our bid library had no up-to-date answers about {product}.",
    "{customer} raised concerns about data protection and hosting for {product}.",
    "The customer service line saw a rise in questions about {product} after the release.",
    "{customer}'s procurement team sent a {pages}-page questionnaire covering {product}.",
    "A renewal worth about {value} thousand pounds was at risk at {customer}.",
)
TASKS = (
    "Lead the technical part of the response and keep the sales team informed.",
    "Prepare and run a tailored demonstration for {people} stakeholders.",
    "Make sure every answer was accurate, consistent and approved before submission.",
    "Find out what the customer really needed and agree a realistic scope.",
    "Support the account manager with pricing and a clear statement of work.",
    "Give first-line answers and escalate anything outside my knowledge.",
)
ACTIONS = (
    "Met the customer's IT lead to walk through their current set-up and pain points.",
    "Drafted the solution overview and checked it with engineering and legal.",
    "Built a demo environment with the customer's own sample data.",
    "Reused and updated {pages} answers from the bid library, flagging gaps to product.",
    "Ran a rehearsal with the account manager and adjusted the story to their priorities.",
    "Prepared a pricing model with three options and explained the trade-offs.",
    "Set up a shared tracker so questions from {people} people were answered within a day.",
    "Wrote follow-up notes and a short recording for people who missed the session.",
    "Asked a senior colleague to review the proposal before it went out.",
    "Mapped each requirement to a product feature and marked the partial fits honestly.",
    "Coordinated with finance to confirm discount approval in time.",
    "Summarised the customer's concerns and agreed next steps in writing.",
)
RESULTS = (
    "We won the deal, worth about {value} thousand pounds over three years.",
    "The customer moved to a paid pilot within {days} days.",
    "Our response scored highest on the technical section.",
    "The questionnaire went out on time with no follow-up questions.",
    "The renewal was signed, with two extra modules added.",
    "We lost on price, but the customer asked us to bid again next year.",
    "The bid library now covers {product}, saving hours on each response.",
    "Average time to answer enquiries dropped from three days to one.",
)
REFLECTIONS = (
    "Next time I would involve the customer's security team earlier.",
    "Rehearsing with the account manager made the demonstration much sharper.",
    "Writing things down straight after the meeting saved a lot of rework.",
    "I should push back sooner when the scope keeps growing.",
    "Asking for a review early was worth the extra day.",
)
SECTORS = ("retail", "public sector", "healthcare", "finance", "manufacturing", "logistics")


@dataclass(frozen=True)
class Generated:
    """What one generation wrote and how long it took."""

    path: Path
    entries: int
    attachments: int
    images: int
    seconds: float


def png_image(rng: random.Random, width: int, height: int, noisy: bool = True) -> bytes:
    """A real PNG like a screenshot of a chart: gradient, bars and (optionally) a photo-like band
    of noise, so it compresses like a real picture rather than to nothing."""
    bars = [rng.uniform(0.2, 0.95) for _ in range(rng.randint(4, 9))]
    slot = max(4, (width - 40) // len(bars))
    colour = bytes(rng.randrange(40, 200) for _ in range(3))
    band = range(height // 10, height // 10 + height // 8) if noisy else range(0)
    rows = bytearray()
    for y in range(height):
        shade = 255 - (y * 40) // height
        row = bytearray(bytes((shade, shade, 252)) * width)
        for i, fraction in enumerate(bars):
            top = height - 20 - int(fraction * (height - 40))
            if top <= y < height - 20:
                x0 = 20 + i * slot
                x1 = min(width, x0 + slot - 6)
                row[x0 * 3 : x1 * 3] = colour * (x1 - x0)
        if y in band:
            x0, x1 = width // 2, width - 20
            row[x0 * 3 : x1 * 3] = rng.randbytes((x1 - x0) * 3)
        rows += b"\x00" + row

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 6))
        + chunk(b"IEND", b"")
    )


def _attachment(name: str, media_type: str, data: bytes, added: datetime) -> AttachmentInfo:
    return AttachmentInfo(
        name=name,
        media_type=media_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        added=added,
    )


class EntryFactory:
    """Makes varied, plausible entries from one seeded random generator."""

    def __init__(self, skills: dict[Edition, Skill], seed: int, today: date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        self.now = utc_now()
        sfia9 = skills[Edition.SFIA9]
        sfia7 = skills[Edition.SFIA7]
        self.by_level: dict[int, list[str]] = {
            lv.level: [st.id for st in lv.statements] for lv in sfia9.levels if lv.statements
        }
        self.by_level7: dict[int, list[str]] = {
            lv.level: [st.id for st in lv.statements] for lv in sfia7.levels if lv.statements
        }
        self.levels = sorted(self.by_level)
        # Most work is at the owner's levels (2 to 4), less at the extremes.
        weights = {1: 10, 2: 20, 3: 30, 4: 22, 5: 12, 6: 6}
        self.level_weights = [weights.get(lv, 5) for lv in self.levels]
        self.small_png = png_image(random.Random(seed + 1), 320, 200, noisy=False)
        self.pdf = pdf_one_page("Security questionnaire - answers reviewed")

    def _fill(self, template: str) -> str:
        rng = self.rng
        return template.format(
            customer=rng.choice(CUSTOMERS),
            product=rng.choice(PRODUCTS),
            days=rng.randint(5, 60),
            pages=rng.randint(20, 300),
            value=rng.randint(20, 900),
            people=rng.randint(3, 15),
            sector=rng.choice(SECTORS),
        )

    def _text(self, pool: Sequence[str], low: int, high: int) -> str:
        picks = self.rng.sample(list(pool), self.rng.randint(low, high))
        return " ".join(self._fill(p) for p in picks)

    def _statements(self) -> tuple[str, ...]:
        rng = self.rng
        ids: list[str] = []
        for _ in range(rng.randint(1, 3)):
            level = rng.choices(self.levels, self.level_weights)[0]
            pool = self.by_level7 if rng.random() < 0.15 else self.by_level
            ids.append(rng.choice(pool.get(level) or self.by_level[level]))
        return tuple(dict.fromkeys(ids))

    def entry(self, image: bytes | None = None) -> Entry:
        """One entry; ``image`` (PNG bytes) is attached when given."""
        rng = self.rng
        end = self.today - timedelta(days=rng.randint(0, YEARS * 365))
        span = rng.choice((0, 0, 0, 1, 2, 5, 14, 30, 60))
        begin = end - timedelta(days=span)
        written = min(datetime.combine(end, clock(17, 30), tzinfo=UTC), self.now)
        verb, thing = rng.choice(ACTIVITIES)
        title = f"{verb} {thing} for {rng.choice(CUSTOMERS)}"
        links: tuple[Link, ...] = ()
        if rng.random() < 0.3:
            slug = uuid.UUID(int=rng.getrandbits(128)).hex[:10]
            links = (Link(url=f"https://crm.example.com/opportunity/{slug}", label="CRM record"),)
        files: list[tuple[str, str, bytes]] = []
        if image is not None:
            files.append((f"screenshot-{rng.randint(1, 9999)}.png", "image/png", image))
        roll = rng.random()
        if roll < 0.01:
            files.append(("win-chart.png", "image/png", self.small_png))
        elif roll < 0.02:
            files.append(("questionnaire.pdf", "application/pdf", self.pdf))
        elif roll < 0.03:
            notes = self._text(ACTIONS, 3, 6).encode("utf-8")
            files.append(("meeting-notes.txt", "text/plain", notes))
        infos = [_attachment(name, kind, data, written) for name, kind, data in files]
        confidential = ("result",) if rng.random() < 0.05 else ()
        evidence = Evidence(
            title=title,
            date_from=begin,
            date_to=end if span else None,
            situation=self._text(SITUATIONS, 1, 2),
            task=self._text(TASKS, 1, 2),
            action=self._text(ACTIONS, 3, 5),
            result=self._text(RESULTS, 1, 2),
            reflection=self._text(REFLECTIONS, 1, 1) if rng.random() < 0.5 else "",
            tags=tuple(rng.sample(TAGS, rng.randint(1, 4))),
            links=links,
            statement_ids=self._statements(),
            attachments=tuple(infos),
            private=rng.random() < 0.05,
            confidential_fields=confidential,
            created=written,
            modified=written,
        )
        return evidence, {info.id: data for info, (_n, _k, data) in zip(infos, files, strict=True)}


def build_entries(
    skills: dict[Edition, Skill],
    count: int,
    images: int = 0,
    seed: int = DEFAULT_SEED,
    today: date | None = None,
) -> list[Entry]:
    """``count`` entries; ``images`` of them (spread evenly) carry a screenshot-sized PNG."""
    factory = EntryFactory(skills, seed, today or utc_now().date())
    picture_rng = random.Random(seed + 2)
    sizes = ((800, 500), (1024, 640), (1280, 800), (1600, 1000), (640, 480), (1920, 1080))
    every = count // images if images else 0
    entries: list[Entry] = []
    made = 0
    for index in range(count):
        image = None
        if every and index % every == 0 and made < images:
            image = png_image(picture_rng, *picture_rng.choice(sizes))
            made += 1
        entries.append(factory.entry(image))
    return entries


def generate_portfolio(
    path: Path,
    count: int,
    images: int = 0,
    seed: int = DEFAULT_SEED,
    skills: dict[Edition, Skill] | None = None,
) -> Generated:
    """Write a new portfolio of ``count`` entries to ``path`` with the service's merge (one
    transaction, every entry validated, full-text index and checksums maintained)."""
    started = time.perf_counter()
    skills = skills or load_all()
    entries = build_entries(skills, count, images, seed)
    profile = Profile(
        owner_name="Sam Benchmark",
        role="Pre-sales consultant",
        organisation="Northwind Systems",
        edition=Edition.SFIA9,
        current_level=3,
        target_level=4,
    )
    service = PortfolioService.create(path, skills, profile)
    try:
        service.merge(None, entries)
    finally:
        service.close()
    attachments = sum(len(entry.attachments) for entry, _data in entries)
    return Generated(path, count, attachments, images, time.perf_counter() - started)


def generate_interchange(
    path: Path,
    count: int,
    seed: int = DEFAULT_SEED,
    skills: dict[Edition, Skill] | None = None,
) -> Generated:
    """Write an interchange JSON file of ``count`` entries (exported from a scratch portfolio
    beside ``path`` that is removed afterwards)."""
    started = time.perf_counter()
    skills = skills or load_all()
    scratch = path.with_name(f".{path.stem}-scratch.ssup")
    made = generate_portfolio(scratch, count, 0, seed, skills)
    service = PortfolioService.open(scratch, skills)
    try:
        export_json(service, path)
    finally:
        service.close()
        for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
            leftover.unlink(missing_ok=True)
    return Generated(path, count, made.attachments, 0, time.perf_counter() - started)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a generated benchmark portfolio.")
    parser.add_argument("file", type=Path, help="new .ssup file (or .json with --json)")
    parser.add_argument("count", type=int, help="number of evidence entries")
    parser.add_argument("--images", type=int, default=0, help="entries with a large PNG")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--json", action="store_true", help="write interchange JSON instead")
    args = parser.parse_args(argv)
    if args.json:
        made = generate_interchange(args.file, args.count, args.seed)
    else:
        made = generate_portfolio(args.file, args.count, args.images, args.seed)
    print(
        f"wrote {made.path}: {made.entries} entries, {made.attachments} attachments "
        f"in {made.seconds:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
