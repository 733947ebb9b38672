"""Words, names and venues the synthetic world is made of (all invented combinations)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FIELDS = ("cs", "biomed", "physics", "social")


@dataclass(frozen=True)
class Venue:
    field: str
    name: str
    short: str
    publisher: str
    doi_prefix: str  # "" for venues that register no DOIs
    conference: bool = False
    first_year: int = 1970


# One venue a line: field | name | short name | publisher | DOI prefix (-: none) | kind | first
_VENUE_TABLE = (Path(__file__).parent / "venues.txt").read_text(encoding="utf-8")


def _venue(row: str) -> Venue:
    field, name, short, publisher, prefix, kind, first = (cell.strip() for cell in row.split("|"))
    prefix = "" if prefix == "-" else prefix
    return Venue(field, name, short, publisher, prefix, kind == "conference", int(first))


VENUES = tuple(
    _venue(row) for row in _VENUE_TABLE.splitlines() if row.strip() and not row.startswith("#")
)


def venues(field: str) -> list[Venue]:
    return [venue for venue in VENUES if venue.field == field]


TITLE_TEMPLATES: dict[str, tuple[str, ...]] = {
    "cs": (
        "{method} for {task}",
        "{method} for {task} with {resource}",
        "Towards {adjective} {task} via {method}",
        "{adjective} {method}: {task} at Scale",
        "On the {property} of {method} in {task}",
    ),
    "biomed": (
        "{exposure} and {outcome} in {population}",
        "{design} of {exposure} and the Risk of {outcome}",
        "{marker} Expression Predicts {outcome} in {population}",
        "The Role of {marker} in {outcome}: {design}",
    ),
    "physics": (
        "{phenomenon} in {system}",
        "Observation of {phenomenon} in {system}",
        "{adjective} {phenomenon} near the {point}",
        "Theory of {phenomenon} in {system} at the {point}",
    ),
    "social": (
        "{topic} and {outcome} among {group}",
        "{adjective} {topic}: Evidence from {setting}",
        "How {topic} Shapes {outcome} in {setting}",
        "{topic}, {outcome}, and the {adjective} State",
    ),
}

TITLE_PARTS: dict[str, dict[str, tuple[str, ...]]] = {
    "cs": {
        "method": (
            "Contrastive Pretraining",
            "Sparse Attention",
            "Graph Neural Networks",
            "Differentiable Search",
            "Federated Distillation",
            "Learned Indexes",
            "Program Synthesis",
            "Diffusion Models",
            "Mixed-Integer Relaxations",
            "Symbolic Execution",
            "Retrieval Augmentation",
            "Low-Rank Adapters",
        ),
        "task": (
            "Entity Resolution",
            "Query Optimization",
            "Code Review",
            "Scene Segmentation",
            "Malware Triage",
            "Dependency Parsing",
            "Join Cardinality Estimation",
            "Fault Localization",
            "Multi-Hop Question Answering",
            "Image Deblurring",
            "Anomaly Detection in Logs",
            "Neural Machine Translation",
        ),
        "resource": (
            "Weak Supervision",
            "Noisy Labels",
            "Limited Memory",
            "Synthetic Data",
            "Few Examples",
            "Untrusted Clients",
        ),
        "adjective": ("Robust", "Scalable", "Efficient", "Interpretable", "Private", "Adaptive"),
        "property": (
            "Stability",
            "Sample Complexity",
            "Calibration",
            "Expressivity",
            "Fairness",
            "Convergence",
        ),
    },
    "biomed": {
        "exposure": (
            "Statin Use",
            "Air Pollution Exposure",
            "Shift Work",
            "Vitamin D Status",
            "Early Antibiotic Exposure",
            "Sedentary Behaviour",
            "Maternal Smoking",
            "Proton Pump Inhibitor Use",
            "Sleep Duration",
            "Dietary Sodium Intake",
        ),
        "outcome": (
            "Type 2 Diabetes",
            "Hip Fracture",
            "Colorectal Cancer",
            "Preterm Birth",
            "Atrial Fibrillation",
            "Cognitive Decline",
            "Sepsis Mortality",
            "Chronic Kidney Disease",
            "Asthma Exacerbation",
            "Stroke Recurrence",
        ),
        "population": (
            "Older Adults",
            "Pregnant Women",
            "Hospitalised Children",
            "Kidney Transplant Recipients",
            "Rural Populations",
            "Patients with Heart Failure",
            "Adolescents",
        ),
        "design": (
            "A Prospective Cohort Study",
            "A Nested Case-Control Study",
            "A Randomised Controlled Trial",
            "A Systematic Review and Meta-Analysis",
            "A Mendelian Randomisation Study",
        ),
        "marker": (
            "TP53",
            "Interleukin-6",
            "FOXP3",
            "Circulating microRNA-21",
            "HER2",
            "Serum Ferritin",
            "PD-L1",
            "BRCA1",
            "Troponin T",
        ),
    },
    "physics": {
        "phenomenon": (
            "Anomalous Hall Transport",
            "Many-Body Localization",
            "Topological Magnons",
            "Superconducting Fluctuations",
            "Spin Density Waves",
            "Quantum Scars",
            "Charge Density Waves",
            "Dynamical Phase Transitions",
            "Emergent Gauge Fields",
            "Fractional Excitations",
        ),
        "system": (
            "Twisted Bilayer Graphene",
            "Kagome Metals",
            "Rydberg Atom Arrays",
            "Cuprate Thin Films",
            "Heavy Fermion Compounds",
            "Trapped-Ion Chains",
            "Frustrated Pyrochlore Magnets",
            "Moire Heterostructures",
        ),
        "adjective": (
            "Nonequilibrium",
            "Universal",
            "Anomalous",
            "Enhanced",
            "Quantized",
            "Long-Range",
        ),
        "point": (
            "Quantum Critical Point",
            "Mott Transition",
            "Lifshitz Transition",
            "Percolation Threshold",
            "Superfluid Transition",
        ),
    },
    "social": {
        "topic": (
            "Residential Segregation",
            "Minimum Wage Increases",
            "Social Media Use",
            "Union Membership",
            "School Choice",
            "Intergenerational Mobility",
            "Immigration Enforcement",
            "Remote Work",
            "Religious Attendance",
            "Political Polarization",
        ),
        "outcome": (
            "Trust in Institutions",
            "Voter Turnout",
            "Household Debt",
            "Civic Participation",
            "Subjective Well-Being",
            "Marriage Timing",
            "Earnings Inequality",
            "Adolescent Mental Health",
        ),
        "group": (
            "First-Generation Students",
            "Rural Workers",
            "Young Adults",
            "Refugee Households",
            "Older Voters",
            "Gig Workers",
        ),
        "adjective": ("Unequal", "Contested", "Hidden", "Local", "Fragmented", "Networked"),
        "setting": (
            "US Counties",
            "a Natural Experiment",
            "Panel Data",
            "Brazilian Municipalities",
            "Twenty European Countries",
            "Administrative Records",
        ),
    },
}

GIVEN_NAMES = (
    "Maria",
    "Wei",
    "James",
    "Aisha",
    "Lukas",
    "Priya",
    "Kenji",
    "Sofia",
    "Olumide",
    "Elena",
    "Mateo",
    "Hannah",
    "Ravi",
    "Chloe",
    "Dmitri",
    "Yuki",
    "Fatima",
    "Jonas",
    "Amara",
    "Thomas",
    "Ines",
    "Min-jun",
    "Laura",
    "Tariq",
    "Sara",
    "Pierre",
    "Nadia",
    "Daniel",
    "Leila",
    "Erik",
)
FAMILY_NAMES = (
    "Garcia",
    "Chen",
    "Okafor",
    "Müller",
    "Nakamura",
    "Patel",
    "Rossi",
    "Johansson",
    "Kowalski",
    "Haddad",
    "Nguyen",
    "Silva",
    "Andersen",
    "Ivanova",
    "Kim",
    "Dubois",
    "Moreau",
    "Schmidt",
    "Fernandes",
    "Takahashi",
    "O'Brien",
    "Van der Berg",
    "Abebe",
    "Lindqvist",
    "Castillo",
    "Yilmaz",
    "Novak",
    "Sato",
    "Bergström",
    "Mensah",
    "Horvath",
    "Kaplan",
    "Reyes",
    "Zhang",
    "Petrov",
    "Adeyemi",
    "Costa",
    "Hoffmann",
    "Ahmed",
    "Larsen",
    "Wójcik",
    "Romero",
    "Tanaka",
    "Eriksen",
    "Bianchi",
    "Liu",
    "Oliveira",
    "Fischer",
    "Dang",
    "Santos",
)
BOOK_PUBLISHERS = (
    "MIT Press",
    "Oxford University Press",
    "Cambridge University Press",
    "Springer",
    "Princeton University Press",
    "Routledge",
)
REPORT_INSTITUTIONS = (
    "RAND Corporation",
    "World Bank",
    "National Bureau of Economic Research",
    "Los Alamos National Laboratory",
    "OECD Publishing",
)
NEWS_OUTLETS = ("The Guardian", "Wired", "Nature News", "The Atlantic", "Quanta Magazine")
