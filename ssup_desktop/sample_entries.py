"""The demo portfolio's evidence: a pre-sales consultant's work over about four years."""

from __future__ import annotations

from dataclasses import dataclass, field

from ssup_desktop.domain.evidence import Link


@dataclass
class SampleEntry:
    """One demo entry, dated ``days_ago`` before today (its range ``span_days`` long)."""

    title: str
    days_ago: int
    statements: tuple[str, ...]
    tags: tuple[str, ...]
    star: tuple[str, str, str, str]  # situation, task, action, result
    reflection: str = ""
    span_days: int = 0
    links: tuple[Link, ...] = ()
    files: dict[str, bytes] = field(default_factory=dict)
    private: bool = False
    confidential_fields: tuple[str, ...] = ()


def sample_entries(png: bytes, pdf: bytes) -> list[SampleEntry]:
    """The entries, oldest first; ``png`` and ``pdf`` are attached where they belong."""
    return [
        SampleEntry(
            "Answering product questions on the inbound enquiry line",
            1560,
            ("ssup-1-1",),
            ("customer service", "onboarding"),
            (
                "In my first month the inbound enquiry line was backed up with basic questions "
                "about editions and licensing.",
                "Answer first-line questions about products and pricing tiers accurately.",
                "Learned the product FAQ, shadowed two senior colleagues, then took calls with a "
                "checklist of the ten most common questions.",
                "Handled about 30 enquiries a week on my own by week six; no answers escalated "
                "for being wrong.",
            ),
            "Reading the release notes each sprint kept my answers current.",
        ),
        SampleEntry(
            "Escalating a complex billing complaint to the account team",
            1490,
            ("ssup-1-2",),
            ("customer service", "escalation"),
            (
                "A long-standing customer complained that renewal invoices double-counted "
                "user seats.",
                "Make sure the complaint reached someone who could resolve it.",
                "Collected the invoices and seat reports, summarised the discrepancy and asked "
                "the account manager and billing lead for help rather than guessing.",
                "Credit note issued within a week; the customer renewed.",
            ),
            "Knowing when to hand over quickly is a skill in itself.",
        ),
        SampleEntry(
            "CRM hygiene: cleaning up stale opportunity records",
            1200,
            ("ssup-1-3",),
            ("CRM",),
            (
                "Pipeline reports were unreliable because of duplicate and stale opportunities.",
                "Retrieve, correct and enter opportunity data for the EMEA region.",
                "Exported 1,100 records, flagged duplicates, confirmed close dates with owners "
                "and updated the CRM with consistent stage names.",
                "Forecast variance fell noticeably the next quarter; the clean-up checklist is "
                "still used.",
            ),
            span_days=21,
            links=(
                Link(url="https://wiki.northwind.example/crm/hygiene-checklist", label="Checklist"),
            ),
        ),
        SampleEntry(
            "Weekly onboarding calls with Contoso's operations team",
            1000,
            ("ssup-2-1", "ssup-2-2"),
            ("onboarding", "customer service"),
            (
                "Contoso bought the service desk module but adoption in the first month was low.",
                "Run weekly calls to guide their team through configuration and daily use.",
                "Ran eight calls by phone and two on-site sessions, recorded how-to clips and "
                "kept a shared list of open questions.",
                "Active users grew from 12 to 85 over the programme.",
            ),
            span_days=60,
        ),
        SampleEntry(
            "Troubleshooting guide for the reporting module",
            900,
            ("ssup-2-2", "ssup-3-3"),
            ("technical advice", "documentation"),
            (
                "Customers kept raising the same reporting questions after upgrades.",
                "Give technical guidance customers could use without opening a ticket.",
                "Wrote a troubleshooting guide with screenshots covering the twelve most common "
                "report errors, reviewed with support engineering.",
                "Reporting tickets dropped by about a third in the following quarter.",
            ),
        ),
        SampleEntry(
            "Workaround for a customer's single sign-on user import",
            830,
            ("ssup-2-3",),
            ("technical advice", "SSO"),
            (
                "A prospect in trial could not import users because their directory used "
                "non-standard attributes.",
                "Find a way for the trial to continue.",
                "Reproduced the problem in a sandbox, mapped the attributes with a small CSV "
                "transform and walked their admin through it.",
                "Trial continued on schedule and converted to a paid pilot.",
            ),
        ),
        SampleEntry(
            "Requirements workshop with Fabrikam Logistics",
            650,
            ("ssup-3-1", "ssup-4-1"),
            ("discovery", "requirements"),
            (
                "Fabrikam wanted 'better visibility' of deliveries but could not say what that "
                "meant in practice.",
                "Help them clarify requirements and record what was agreed.",
                "Facilitated a half-day workshop with dispatch, finance and IT, using user "
                "stories and a simple priority grid; circulated the notes the same day.",
                "Signed-off requirements document with 14 user stories; it became the basis of "
                "the proposal.",
            ),
            "Next time I would invite the warehouse supervisors too.",
            links=(
                Link(url="https://crm.northwind.example/opportunity/FAB-2291", label="Opportunity"),
            ),
        ),
        SampleEntry(
            "RFP response for Tailspin Toys: security questionnaire",
            540,
            ("ssup-3-2",),
            ("RFP", "security"),
            (
                "Tailspin Toys issued an RFP with a 180-question security questionnaire.",
                "Own the security section of the bid.",
                "Reused approved answers from the content library, drafted new ones with the "
                "security team and tracked every question to completion.",
                "Submitted two days early; we were shortlisted.",
            ),
            files={"tailspin-security-summary.pdf": pdf},
        ),
        SampleEntry(
            "Advanced configuration coaching for Woodgrove Bank admins",
            430,
            ("ssup-3-3",),
            ("technical advice", "training"),
            (
                "Woodgrove's admins needed approval workflows with four-eyes checks.",
                "Advise on configuring the workflow engine for a regulated process.",
                "Designed the workflow with their admins, ran three coaching sessions and left a "
                "runbook for change control.",
                "Went live without support tickets in the first month.",
            ),
            private=True,
        ),
        SampleEntry(
            "Product demo for Adventure Works leadership",
            300,
            ("ssup-3-2", "ssup-4-3"),
            ("demo", "proof of concept"),
            (
                "Adventure Works' leadership team wanted to see field-service scheduling with "
                "their own data.",
                "Prepare and run a tailored demo as part of the sales proposal.",
                "Built a demo tenant with their depots and technicians, scripted three user "
                "journeys and rehearsed with the account executive.",
                "Leadership approved moving to a proof of concept the same week.",
            ),
            "The chart of demo requests per quarter helped the team plan capacity.",
            links=(
                Link(url="https://demo.northwind.example/adventure-works", label="Demo tenant"),
            ),
            files={"demo-requests-per-quarter.png": png},
        ),
        SampleEntry(
            "Proof of concept: integration with Litware's ERP",
            200,
            ("ssup-4-2", "ssup-4-3"),
            ("proof of concept", "integration"),
            (
                "Litware doubted our platform could sync orders with their ageing ERP.",
                "Demonstrate technical feasibility before the commercial decision.",
                "Built a simulation of their ERP's order API, ran the sync under realistic load "
                "and resolved a date-format problem found on day three.",
                "PoC passed all five success criteria; the deal closed next quarter.",
            ),
            span_days=45,
        ),
        SampleEntry(
            "Cost and risk estimate for the Relecloud rollout proposal",
            140,
            ("ssup-4-4", "ssup-3-2"),
            ("estimates", "proposal"),
            (
                "Relecloud asked for a fixed-price rollout across 14 sites.",
                "Estimate cost, effort and risk and draft an initial project plan.",
                "Broke the rollout into work packages, estimated with delivery leads, ran a risk "
                "workshop and produced a three-phase plan with contingency.",
                "The proposal went out with a defensible price; delivery later tracked within "
                "5% of the estimate.",
            ),
            "I now keep an estimating log to calibrate future bids.",
            confidential_fields=("result",),
        ),
        SampleEntry(
            "Discovery calls alongside the account executive",
            75,
            ("ssup-4-1",),
            ("discovery", "teamwork"),
            (
                "New mid-market prospects often stalled after the first call.",
                "Work with the sales team to help prospects clarify their needs early.",
                "Joined discovery calls with a structured question set and wrote a one-page "
                "summary of needs for each prospect.",
                "Three of five prospects moved to a qualified opportunity within a month.",
            ),
            span_days=30,
        ),
        SampleEntry(
            "Solution options for a multi-region deployment",
            25,
            ("ssup-4-2", "ssup-4-4"),
            ("solution design", "architecture"),
            (
                "A prospect needed data residency in three regions with one support team.",
                "Devise candidate solutions and assess their feasibility and cost.",
                "Compared three architectures on cost, latency and compliance with the platform "
                "team and presented trade-offs to the customer.",
                "Customer chose the federated option; the comparison is now a reusable template.",
            ),
        ),
        SampleEntry(
            "Mentoring a new sales support colleague",
            10,
            (),
            ("mentoring",),
            (
                "A new colleague joined the sales support team.",
                "Help them become productive quickly.",
                "Paired on RFP answers and demos for two weeks and shared my checklists.",
                "They ran their first demo solo in week three.",
            ),
            "Not yet linked to a statement: good material for a later level.",
        ),
    ]
