"""Words the sample network is made of: names, places, lines of business.

Hand-written lists (no Faker): a few dozen of each are enough for a network
that reads like a real one, and they never change under a dependency upgrade,
which keeps the sample byte-for-byte reproducible.
"""

from __future__ import annotations

from dataclasses import dataclass

GIVEN_NAMES = (
    "Aaliyah", "Adrian", "Aisha", "Alejandro", "Amara", "Andre", "Anika", "Ben",
    "Bianca", "Carlos", "Chen", "Chloe", "Daniel", "Deepa", "Diego", "Elena",
    "Emeka", "Erik", "Fatima", "Gabriel", "Grace", "Hannah", "Hiroshi", "Ines",
    "Isaac", "Jamal", "Jenna", "Jonas", "Julia", "Kai", "Karin", "Kofi", "Laila",
    "Lars", "Leah", "Luis", "Mai", "Marcus", "Maria", "Mateo", "Mei", "Miguel",
    "Nadia", "Nathan", "Nia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa",
    "Samir", "Sara", "Sean", "Sofia", "Tariq", "Thomas", "Uma", "Vera", "Wei",
    "Yusuf", "Zara",
)  # fmt: skip

FAMILY_NAMES = (
    "Adeyemi", "Andersen", "Bauer", "Becker", "Brooks", "Castillo", "Chen", "Cohen",
    "Dahl", "Diaz", "Dubois", "Eriksson", "Fischer", "Garcia", "Gupta", "Haddad",
    "Hansen", "Hughes", "Ibrahim", "Ito", "Jensen", "Johnson", "Kaur", "Kim",
    "Kowalski", "Larsen", "Lee", "Lindqvist", "Lopez", "Martin", "Mensah", "Meyer",
    "Morales", "Murphy", "Nakamura", "Nguyen", "Novak", "Nwosu", "Okafor", "Olsen",
    "Patel", "Petrov", "Quinn", "Ramirez", "Reyes", "Rossi", "Santos", "Schmidt",
    "Shah", "Silva", "Sorensen", "Tanaka", "Torres", "Vance", "Walsh", "Weber",
    "Williams", "Wright", "Yang", "Zhang",
)  # fmt: skip

PLACES = (
    "Minneapolis", "St. Paul", "Bloomington", "Edina", "Plymouth", "Eagan",
    "Maple Grove", "Woodbury", "Minnetonka", "Roseville", "Burnsville", "Eden Prairie",
)  # fmt: skip
TARGET_PLACES = PLACES[:5]
"""The regions of the owner's target market."""

COMPANY_PREFIXES = (
    "Northstar", "Lakeside", "Summit", "Prairie", "Riverbend", "Cedar", "Ironwood",
    "Bluestem", "Harbor", "Keystone", "Granite", "Maple", "Metro", "Evergreen",
    "Pinnacle", "Birchwood", "Cornerstone", "Crossroads", "Heritage", "North Loop",
    "Stonebridge", "Tamarack", "Lynx", "Mill City",
)  # fmt: skip
COMPANY_SUFFIXES = ("LLC", "Inc.", "Group", "Partners", "Co.", "& Associates")

OWNER_TITLES = ("Owner", "Founder", "President", "CEO", "Managing Partner")


@dataclass(frozen=True)
class Line:
    """A line of business: a business category and how its people describe themselves."""

    category: str
    noun: str
    """What goes into a company name: "Northstar {noun} LLC"."""
    titles: tuple[str, ...]
    offers: tuple[str, ...]
    looking_for: tuple[str, ...]
    deal_dollars: int
    """Typical value of the business one good referral brings."""
    in_target_market: bool = False


def _line(
    category: str,
    noun: str,
    titles: str,
    offers: str,
    looking_for: str,
    deal_dollars: int,
    *,
    target: bool = False,
) -> Line:
    return Line(
        category,
        noun,
        tuple(titles.split("|")),
        tuple(offers.split("|")),
        tuple(looking_for.split("|")),
        deal_dollars,
        target,
    )


LINES = (
    _line("manufacturing", "Precision Manufacturing", "Owner|Plant Manager|COO",
          "contract machining and short production runs|custom metal fabrication",
          "engineers who need a reliable local supplier|buyers at OEMs", 18_000, target=True),
    _line("construction", "Builders", "Owner|Project Manager|Estimator",
          "commercial build-outs on time and on budget|design-build for small offices",
          "property managers planning renovations|architects who want a build partner",
          22_000, target=True),
    _line("architecture", "Architecture", "Principal|Architect|Founder",
          "design for small commercial buildings|tenant improvement plans",
          "business owners about to expand|developers with small projects", 15_000,
          target=True),
    _line("dentistry", "Dental", "Dentist|Practice Owner|Office Manager",
          "family and cosmetic dentistry|a practice that takes new patients this month",
          "employers who want a dental benefit|new families in the area", 9_000, target=True),
    _line("it services", "IT Solutions", "Owner|IT Director|Account Manager",
          "managed IT for offices of 10 to 100|network and backup set-up",
          "offices that just lost their IT person|growing firms without IT", 12_000,
          target=True),
    _line("logistics", "Logistics", "Owner|Operations Director|Dispatcher",
          "regional freight and warehousing|last-mile delivery for local shops",
          "manufacturers shipping in the Midwest|e-commerce sellers", 14_000, target=True),
    _line("accounting", "Tax & Accounting", "CPA|Partner|Bookkeeper",
          "tax planning and year-round bookkeeping|payroll and sales-tax filings",
          "owners who do their own books|new businesses in their first year", 4_000),
    _line("commercial insurance", "Insurance Agency", "Agent|Account Executive|Broker",
          "liability and property cover for small firms|workers' comp that fits",
          "contractors renewing policies|firms that just hired staff", 3_500),
    _line("banking", "Community Bank", "Business Banker|Branch Manager|Loan Officer",
          "lines of credit and SBA loans|treasury services for small firms",
          "owners planning an acquisition|firms outgrowing their bank", 6_000),
    _line("business law", "Law Group", "Attorney|Partner|Paralegal",
          "contracts, entity set-up and disputes|buy-sell agreements",
          "founders raising money|owners selling their business", 8_000),
    _line("estate planning", "Estate Law", "Attorney|Estate Planner",
          "wills, trusts and succession plans|business succession for family firms",
          "owners over 55|financial planners with new clients", 3_000),
    _line("financial planning", "Wealth Advisors", "Financial Planner|Advisor|CFP",
          "retirement and investment planning|401(k) plans for small employers",
          "owners who just sold a company|families with a new business", 5_000),
    _line("commercial real estate", "Commercial Realty", "Broker|Agent|Principal",
          "office and industrial leases|site selection for growing firms",
          "companies whose lease ends within a year|investors", 16_000),
    _line("residential real estate", "Realty", "Realtor|Broker|Team Lead",
          "buying and selling homes in the metro|relocation help",
          "people moving to town|growing families", 7_000),
    _line("mortgage", "Home Lending", "Loan Officer|Mortgage Broker",
          "home loans with fast pre-approval|refinancing", "realtors|first-time buyers",
          3_000),
    _line("marketing", "Marketing", "Founder|Marketing Strategist|Account Director",
          "marketing plans for B2B firms|campaigns that bring in leads",
          "firms launching a new service|owners unhappy with their agency", 6_000),
    _line("web design", "Web Studio", "Web Designer|Founder|Developer",
          "websites that convert|online stores for local shops",
          "businesses with an outdated website|startups", 4_500),
    _line("printing", "Print & Signs", "Owner|Sales Manager",
          "print, signage and trade-show displays|same-day printing",
          "event planners|marketing agencies", 1_500),
    _line("photography", "Photography", "Photographer|Owner",
          "headshots and product photos|event photography",
          "companies updating their website|event planners", 1_200),
    _line("video production", "Films", "Producer|Director|Owner",
          "brand videos and testimonials|event recordings",
          "marketing directors|firms with a product launch", 5_000),
    _line("hr consulting", "HR Partners", "HR Consultant|Founder",
          "fractional HR and handbooks|hiring processes that work",
          "owners with 15 or more staff|firms with turnover problems", 5_500),
    _line("payroll", "Payroll Services", "Account Manager|Owner",
          "payroll and benefits administration|HR software set-up",
          "firms with their first employees|accountants", 2_500),
    _line("staffing", "Staffing", "Recruiter|Branch Manager|Account Manager",
          "temporary and permanent placement|skilled trades recruiting",
          "manufacturers hiring for a second shift|growing offices", 7_500),
    _line("business coaching", "Coaching", "Business Coach|Founder",
          "coaching for owners who want to step back|leadership workshops",
          "owners working 60-hour weeks|new managers", 4_000),
    _line("cybersecurity", "Cyber Security", "Security Consultant|Founder",
          "security audits and staff training|incident response plans",
          "firms handling client data|IT providers", 8_500),
    _line("electrical", "Electric", "Master Electrician|Owner",
          "commercial electrical work and EV chargers|lighting retrofits",
          "general contractors|property managers", 6_500),
    _line("plumbing", "Plumbing", "Master Plumber|Owner",
          "commercial plumbing and repairs|water heater replacement",
          "property managers|restaurant owners", 3_500),
    _line("hvac", "Heating & Cooling", "Owner|Service Manager",
          "HVAC maintenance contracts|energy-efficient upgrades",
          "building owners|general contractors", 6_000),
    _line("landscaping", "Landscapes", "Owner|Crew Lead",
          "commercial grounds care and snow removal|patios and plantings",
          "property managers|HOA boards", 4_000),
    _line("commercial cleaning", "Cleaning Services", "Owner|Operations Manager",
          "nightly office cleaning|post-construction cleanup",
          "offices of 20 or more|builders", 3_000),
    _line("interior design", "Interiors", "Interior Designer|Principal",
          "office interiors that people like|home remodel design",
          "firms moving offices|architects", 6_000),
    _line("catering", "Catering", "Chef|Owner|Event Manager",
          "corporate lunches and event catering|boxed lunches for meetings",
          "event planners|office managers", 1_800),
    _line("event planning", "Events", "Event Planner|Founder",
          "corporate events and conferences|holiday parties",
          "companies with a milestone to celebrate|associations", 4_500),
    _line("travel", "Travel", "Travel Advisor|Owner",
          "corporate travel management|incentive trips",
          "companies whose staff travel monthly|sales leaders", 2_500),
    _line("chiropractic", "Chiropractic", "Chiropractor|Clinic Owner",
          "chiropractic care and ergonomics talks|on-site wellness days",
          "employers with desk workers|personal trainers", 1_500),
    _line("physical therapy", "Physical Therapy", "Physical Therapist|Clinic Director",
          "rehab after injury|sports injury prevention", "doctors|gyms and coaches", 2_000),
    _line("promotional products", "Promo", "Owner|Sales Rep",
          "branded merchandise and uniforms|trade-show giveaways",
          "marketing managers|sports clubs", 2_000),
    _line("office furniture", "Office Furniture", "Sales Consultant|Owner",
          "office furniture and space planning|used furniture buy-back",
          "companies moving or growing|interior designers", 9_000),
    _line("telecom", "Communications", "Account Executive|Solutions Engineer",
          "business phone and internet|unified communications",
          "firms opening a second site|IT providers", 4_000),
    _line("translation", "Language Services", "Translator|Founder",
          "translation and interpreting|localization of websites",
          "manufacturers who export|law firms", 2_500),
)  # fmt: skip

OWNER_LINE = Line(
    "financial consulting",
    "Growth Advisors",
    ("Fractional CFO",),
    ("part-time CFO work for growing owner-led firms: cash flow, pricing, financing",),
    ("owners of growing manufacturers, builders and practices in the Twin Cities",),
    12_000,
)

TARGET_CATEGORIES = tuple(line.category for line in LINES if line.in_target_market)

TAGS = (
    "referral partner", "prospect", "client", "former client", "vendor", "mentor",
    "connector", "speaker", "board member", "volunteer", "alumni", "golf",
    "women in business", "young professionals", "family business", "startup",
)  # fmt: skip

ASK_TOPICS = (
    "an introduction to a banker",
    "feedback on a proposal",
    "a recommendation for a good bookkeeper",
    "an introduction to the chamber's program chair",
    "advice on pricing a new service",
    "a testimonial for their website",
    "a referral to a commercial realtor",
    "help finding a summer intern",
    "a warm introduction to a prospect",
    "a speaker for their association's meeting",
    "advice on hiring a first salesperson",
    "a lead on office space",
)

PROSPECT_KINDS = (
    "Dental", "Builders", "Foods", "Manufacturing", "Design", "Clinic", "Motors",
    "Brewing", "Logistics", "Software", "Properties", "Farms",
)  # fmt: skip

__all__ = [
    "ASK_TOPICS",
    "COMPANY_PREFIXES",
    "COMPANY_SUFFIXES",
    "FAMILY_NAMES",
    "GIVEN_NAMES",
    "LINES",
    "OWNER_LINE",
    "OWNER_TITLES",
    "PLACES",
    "PROSPECT_KINDS",
    "TAGS",
    "TARGET_CATEGORIES",
    "TARGET_PLACES",
    "Line",
]
