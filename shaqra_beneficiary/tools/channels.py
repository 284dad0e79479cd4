"""The channels agreed with a person for every notice (policy A1-A6, C5)."""

CHANNELS = [
    ("meeting", "In-person meeting"),
    ("letter", "Letter"),
    ("whatsapp", "WhatsApp"),
    ("fax", "Fax"),
    ("email", "E-mail"),
    ("portal", "Website / portal"),
    ("volunteer", "Volunteer"),
]
