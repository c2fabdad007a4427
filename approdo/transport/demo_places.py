"""The transport demo's places: real stops around Foggia (approximate coordinates), invented
plates and drivers, the lines and tomorrow's ride requests."""

from __future__ import annotations

from approdo.transport.models import StopKind

FOGGIA_HUB = "PUG-H01"
OTHER_HUBS = ("PUG-H02", "PUG-H03")
K = StopKind
# name, kind, latitude, longitude, municipality
FOGGIA_STOPS = (
    ("Deposito PSI Foggia", K.DEPOT, "41.46220", "15.54460", "Foggia"),
    ("Ex pista di Borgo Mezzanone", K.SETTLEMENT, "41.51280", "15.82700", "Manfredonia"),
    ("Torretta Antonacci (Gran Ghetto)", K.SETTLEMENT, "41.60200", "15.50900", "San Severo"),
    ("Borgo Tre Titoli", K.SETTLEMENT, "41.30100", "15.91400", "Cerignola"),
    ("Stazione di Foggia", K.TOWN, "41.46540", "15.55450", "Foggia"),
    ("Piazza di San Severo", K.TOWN, "41.68600", "15.37900", "San Severo"),
    ("Azienda agricola Lama di Pozzo", K.FARM, "41.55000", "15.68000", "Foggia"),
    ("Masseria Posta Uccello", K.FARM, "41.42000", "15.70000", "Foggia"),
    ("Azienda ortofrutticola Borgo Incoronata", K.FARM, "41.39000", "15.60000", "Foggia"),
    ("Vivaio Cerignola Sud", K.FARM, "41.25000", "15.88000", "Cerignola"),
    ("Masseria San Marco", K.FARM, "41.57000", "15.45000", "San Severo"),
    ("Ospedali Riuniti di Foggia", K.SERVICE, "41.45170", "15.53490", "Foggia"),
    ("Questura di Foggia", K.SERVICE, "41.46060", "15.54970", "Foggia"),
    ("Centro per l'Impiego di Foggia", K.SERVICE, "41.45800", "15.55300", "Foggia"),
)
# plate, model, seats, driver, depot
FOGGIA_SHUTTLES = (
    ("GF101AP", "Fiat Ducato Minibus", 16, "Antonio Russo"),
    ("GF102AP", "Ford Transit 9 posti", 9, "Giuseppe Lombardi"),
    ("GF103AP", "Iveco Daily Minibus", 16, "Ibrahima Sarr"),
    ("GF104AP", "Fiat Ducato Minibus", 9, "Rocco D'Amico"),
)
MORNING_LINE = (  # stop, minutes from departure
    ("Ex pista di Borgo Mezzanone", 0),
    ("Azienda agricola Lama di Pozzo", 20),
    ("Masseria Posta Uccello", 40),
    ("Azienda ortofrutticola Borgo Incoronata", 55),
)
SERVICES_LINE = (
    ("Torretta Antonacci (Gran Ghetto)", 0),
    ("Stazione di Foggia", 25),
    ("Questura di Foggia", 30),
    ("Ospedali Riuniti di Foggia", 35),
    ("Centro per l'Impiego di Foggia", 40),
)
EVERY_DAY, WEEKDAYS = [0, 1, 2, 3, 4, 5, 6], [0, 1, 2, 3, 4]
# pickup, dropoff, earliest, latest arrival
REQUESTS = (
    ("Ex pista di Borgo Mezzanone", "Vivaio Cerignola Sud", "05:00", "06:45"),
    ("Ex pista di Borgo Mezzanone", "Masseria San Marco", "05:15", "07:00"),
    ("Torretta Antonacci (Gran Ghetto)", "Masseria Posta Uccello", "05:00", "07:00"),
    ("Borgo Tre Titoli", "Azienda agricola Lama di Pozzo", "05:30", "07:15"),
    ("Torretta Antonacci (Gran Ghetto)", "Centro per l'Impiego di Foggia", "08:00", "09:30"),
    ("Borgo Tre Titoli", "Ospedali Riuniti di Foggia", "07:30", "09:00"),
)
