"""Name pools per origin, spelling-variant tables and places of the synthetic registry.

Pools are weighted ("Mohamed 40, Ahmed 12": a name drawn 40 times as often as a weight-1 name)
so that a few names dominate, as in the registers: Mohamed in the Maghreb and Sudan, Mamadou
and Diallo in Guinea, Singh and Kaur for Sikh men and women (the family pool of India holds the
clan names used by the ~18% who register one), Hossain in Bangladesh. Names are common public
first names and surnames of each country; no combination is taken from a real person.

VARIANTS maps a spelling to the other spellings operators type for it (transliteration from
Arabic, French/English colonial spellings, Italian phonetic typing); ARABIC gives the original
script of the commonest Maghrebi and Sudanese names. The places are here too: the network's
hubs, the regions where people of each origin are first met and the farm towns they live in.
"""

from __future__ import annotations

from dataclasses import dataclass

Weighted = tuple[tuple[str, int], ...]


def _w(text: str) -> Weighted:
    """Parse "Name 3, Other Name, Third 2" (weight 1 when omitted)."""
    pairs: list[tuple[str, int]] = []
    for item in text.split(","):
        head, _, tail = item.strip().rpartition(" ")
        if tail.isdigit():
            pairs.append((head, int(tail)))
        else:
            pairs.append((item.strip(), 1))
    return tuple(pairs)


def _variants(text: str) -> dict[str, tuple[str, ...]]:
    """Parse "A/B/C, D/E": each spelling maps to the others of its group (first group wins)."""
    variants: dict[str, tuple[str, ...]] = {}
    for group in text.split(", "):
        members = group.split("/")
        for name in members:
            variants.setdefault(name, tuple(m for m in members if m != name))
    return variants


@dataclass(frozen=True)
class Origin:
    country: str  # ISO 3166 alpha-2
    men: Weighted
    women: Weighted
    families: Weighted
    # Women's own surnames (Kaur, Akter, Begum) and how often a woman carries one.
    women_families: Weighted = ()
    women_family_share: float = 0.0
    # Share of people with two given names, and the element that usually opens them.
    compound: float = 0.12
    prefix: str = ""
    # Sikh: the family name is Singh/Kaur (the marker) unless a clan name is registered, in
    # which case the marker follows the given name ("Gurpreet Singh" + "Sandhu").
    marker: tuple[str, str] = ("", "")
    marker_share: float = 0.0
    # Sudanese name chains: the family name is the father's and grandfather's given names.
    chain: bool = False


# fmt: off
MA = Origin(
    "MA",
    _w("Mohamed 40, Ahmed 12, Youssef 10, Abdellah 6, Rachid 8, Hassan 8, Said 7, Mustapha 6, "
       "Khalid 6, Abdelkader 4, Abderrahim 4, Abdelaziz 4, Aziz 3, Hamza 5, Omar 5, Ayoub 5, "
       "Mehdi 4, Hicham 5, Nabil 3, Karim 4, Driss 3, Brahim 5, Hamid 4, Jamal 3, Younes 4, "
       "Adil 4, Redouane 3, Soufiane 4, Zakaria 3, Ismail 3, Abdel Rahman 2, Noureddine 3, "
       "Mourad 3, Samir 3, Tarik 3, Anas 2, Amine 3, Bilal 2, Lahcen 4, Mbarek 2, Ali 3"),
    _w("Fatima 15, Khadija 8, Naima 6, Fatiha 5, Malika 5, Samira 5, Zineb 4, Hanane 4, Nadia 4, "
       "Aicha 6, Latifa 4, Saida 4, Rachida 4, Amina 5, Meryem 4, Hasna 3, Loubna 3, Siham 3, "
       "Najat 3, Houda 3, Souad 3, Karima 3, Salma 3, Imane 3"),
    _w("El Amrani 6, El Idrissi 5, Alaoui 5, Benali 4, El Mansouri 4, Bouzid 3, Bennani 3, "
       "El Khatib 3, Ait Ahmed 3, Ait Ali 3, El Ouardi 3, Amrani 3, Hajji 3, El Hachimi 3, "
       "Bakkali 3, Moussaoui 3, Haddad 3, Daoudi 3, Ziani 3, Benjelloun 2, El Fassi 2, Tazi 2, "
       "Berrada 2, Chraibi 2, Ouazzani 2, Boukhari 2, Lahlou 2, Benmoussa 2, Zerouali 2, "
       "Belkadi 2, Naciri 2, Sabri 2, Essaadi 2, Chakir 2, Lamrani 2, Ouali 2, Bouchta 2, "
       "Kabbaj, Mernissi, Rami 2"),
    compound=0.25, prefix="Mohamed",
)
TN = Origin(
    "TN",
    _w("Mohamed 30, Ahmed 8, Ali 8, Karim 4, Omar 5, Sami 4, Hatem 3, Walid 5, Nabil 4, Anis 3, "
       "Bilel 5, Hamza 4, Aymen 5, Ayoub 3, Mehdi 4, Seifeddine 3, Oussama 4, Achraf 3, "
       "Wassim 3, Haythem 3, Khaled 4, Fathi 3, Mourad 4, Skander 2, Amine 3, Marwen 3, "
       "Houssem 3, Slim 2, Taher 2, Mokhtar 2, Riadh 2, Lotfi 2, Chokri 2, Nizar 2, Ramzi 2"),
    _w("Fatma 5, Samira 3, Amel 3, Ines 3, Sana 3, Leila 3, Salma 3, Rim 2, Olfa 2, Nesrine 3, "
       "Mariem 3, Hajer 2, Asma 3, Khadija 2, Sonia 2, Wafa 2, Hela 2, Mouna 2"),
    _w("Trabelsi 8, Ben Ali 6, Ben Salah 5, Jebali 5, Gharbi 5, Hammami 5, Jlassi 5, Mejri 4, "
       "Ayari 4, Dridi 4, Saidi 4, Mansouri 4, Ben Ahmed 4, Ben Amor 4, Khelifi 4, Bouazizi 3, "
       "Chebbi 3, Riahi 3, Zouari 3, Sassi 3, Ben Youssef 3, Karoui 3, Ferchichi 3, Hamdi 3, "
       "Brahmi 3, Nasri 3, Guesmi 3, Oueslati 3, Ben Mohamed 3, Arfaoui 3, Selmi 3, Abidi 3, "
       "Tlili 3, Baccouche 2, Kefi 2, Ghanmi 2, Bouzid 2"),
    compound=0.25, prefix="Mohamed",
)
SN = Origin(
    "SN",
    _w("Mamadou 18, Cheikh 10, Ibrahima 10, Abdoulaye 10, Moussa 8, Ousmane 8, Modou 8, "
       "Babacar 6, Pape 6, Amadou 6, Serigne 5, Alioune 5, Lamine 5, Abdou 5, El Hadji 5, "
       "Mouhamed 5, Assane 4, Oumar 4, Moustapha 4, Souleymane 4, Mor 3, Mbaye 3, Malick 3, "
       "Samba 3, Demba 3, Saliou 3, Idrissa 3, Boubacar 3, Fallou 3, Khadim 3, Ibou 2, "
       "Birane 2, Massamba 2, Bassirou 2"),
    _w("Fatou 10, Awa 8, Ndeye 8, Aminata 7, Aissatou 6, Mariama 5, Khady 5, Coumba 4, Astou 4, "
       "Adama 3, Binta 3, Sokhna 3, Rokhaya 3, Maimouna 3, Dieynaba 2, Yacine 2, Seynabou 2"),
    _w("N'Diaye 12, Diop 10, Diallo 8, Gueye 8, Fall 7, Sow 7, Ba 6, Faye 5, Sarr 5, Mbaye 5, "
       "Diouf 5, Cissé 5, Niang 4, Seck 4, Thiam 4, Sy 4, Sall 4, Kane 3, Diagne 3, Mbengue 3, "
       "Touré 3, Dieng 3, Samb 3, Sene 3, Camara 3, Ka 2, Wade 2, Diedhiou 2, Badji 2, Ndour 2, "
       "Lo 2, Mane 2, Kebe 2, Tall 2, Sane 2, Dione 2, Mbodj 2, Drame 2"),
    compound=0.2,
)
GM = Origin(
    "GM",
    _w("Lamin 14, Ebrima 12, Momodou 8, Modou 8, Alieu 6, Musa 6, Omar 5, Bakary 5, Ousman 5, "
       "Buba 4, Sulayman 4, Abdoulie 4, Yusupha 4, Kebba 4, Mamadou 4, Sainey 3, Ousainou 3, "
       "Pa 3, Babucarr 3, Saikou 3, Alhagie 3, Dawda 3, Sheriff 3, Amadou 3, Mustapha 3, "
       "Malick 2, Fabakary 2, Ebou 2, Foday 2, Karamo 2, Landing 2"),
    _w("Isatou 8, Fatou 8, Mariama 6, Awa 5, Fatoumata 5, Haddy 4, Binta 4, Kaddy 4, Jainaba 3, "
       "Ndey 3, Sainabou 3, Adama 3, Ramatoulie 2, Aja 2, Oley 2"),
    _w("Jallow 12, Ceesay 10, Bah 8, Touray 6, Sanneh 6, Jammeh 6, Njie 6, Darboe 5, Jobe 5, "
       "Sowe 5, Jatta 5, Bojang 5, Camara 4, Manneh 4, Drammeh 4, Saidy 3, Sillah 3, Fofana 3, "
       "Colley 3, Secka 3, Sonko 3, Trawally 3, Badjie 3, Kinteh 3, Conteh 3, Fatty 3, Marong 2, "
       "Suso 2, Joof 2, Kujabi 2, Sarr 2"),
    compound=0.1,
)
ML = Origin(
    "ML",
    _w("Mamadou 12, Moussa 10, Bakary 8, Abdoulaye 8, Seydou 7, Adama 6, Oumar 6, Boubacar 6, "
       "Souleymane 6, Amadou 6, Sekou 6, Mahamadou 6, Drissa 5, Modibo 5, Ibrahim 5, Yacouba 5, "
       "Ousmane 5, Issa 4, Lassana 4, Salif 4, Daouda 4, Youssouf 4, Siaka 3, Karim 3, "
       "Bourama 3, Fousseyni 3, Hamidou 3, Alou 3, Brahima 3, Cheick 3, Tiémoko 2, Mamoutou 2, "
       "Madou 2, Sidiki 2"),
    _w("Fatoumata 8, Kadiatou 6, Mariam 6, Aminata 6, Oumou 5, Awa 5, Djeneba 4, Hawa 4, "
       "Assetou 3, Kadidia 3, Salimata 3, Rokia 3, Bintou 3, Sali 2"),
    _w("Traoré 14, Coulibaly 12, Keita 8, Diarra 8, Koné 6, Dembélé 6, Sissoko 5, Touré 5, "
       "Diakité 5, Camara 5, Doumbia 5, Diallo 5, Sidibé 4, Konaté 4, Sangaré 4, Kanté 4, "
       "Cissé 4, Maïga 4, Sacko 3, Samaké 3, Bagayoko 3, Fofana 3, Sylla 3, Diabaté 3, Ballo 2, "
       "Dao 2, Togola 2, Kouyaté 2, Guindo 2, Dicko 2, Sow 2, Berthé 2, Tangara 2, Konaré 2"),
    compound=0.1,
)
GN = Origin(
    "GN",
    _w("Mamadou 20, Alpha 8, Ibrahima 8, Abdoulaye 8, Ousmane 6, Thierno 6, Mohamed 6, "
       "Boubacar 6, Amadou 5, Sekou 5, Aboubacar 5, Moussa 5, Alhassane 4, Souleymane 4, "
       "Lansana 4, Oumar 4, Aliou 4, Saikou 3, Ismael 3, Fode 3, Elhadj 3, Abdourahmane 3, "
       "Mamadouba 2, Algassimou 2, Mory 2, Sidiki 2"),
    _w("Fatoumata 10, Mariama 8, Aissatou 7, Kadiatou 7, Aminata 5, Hawa 4, Oumou 4, Binta 4, "
       "Hadja 3, Ramatoulaye 3, Djenabou 3, Mariame 2, Diaraye 2, Saran 2, Mabinty 2"),
    _w("Diallo 22, Barry 12, Bah 10, Camara 9, Sow 7, Balde 6, Sylla 5, Condé 5, Bangoura 5, "
       "Keita 4, Touré 4, Cissé 4, Soumah 4, Kouyaté 3, Kaba 3, Traoré 3, Conté 3, Fofana 3, "
       "Kante 3, Jalloh 3, Kourouma 3, Doumbouya 2, Sidibé 2, Diakité 2, Barrie 2, Oulare 2, "
       "Haidara 2, Sano 2, Tounkara 2"),
    compound=0.25, prefix="Mamadou",
)
CI = Origin(
    "CI",
    _w("Yao 6, Konan 6, Kouassi 6, Souleymane 6, Mamadou 6, Adama 5, Ibrahim 5, Moussa 5, "
       "Koffi 5, Kouadio 5, Kouamé 4, N'Guessan 4, Drissa 3, Bakary 3, Lassina 3, Seydou 3, "
       "Issouf 3, Abou 3, Ali 3, Yacouba 3, Sekou 3, Aboubacar 3, Jean 3, Karim 3, Serge 2, "
       "Franck 2, Didier 2, Hervé 2, Brice 2, Arouna 2, Zié 2"),
    _w("Aya 5, Adjoua 4, Mariam 4, Affoué 3, Amenan 3, Akissi 3, Fatou 3, Aminata 3, Awa 3, "
       "Salimata 3, Rokia 2, Grace 2, Estelle 2, Chantal 2, Nadège 2"),
    _w("Koné 10, Ouattara 10, Coulibaly 7, Kouassi 6, Touré 6, Traoré 6, Yao 5, Konan 5, "
       "Kouadio 5, Bamba 5, Soro 5, Kouamé 4, Fofana 4, Diomandé 4, N'Guessan 4, Koffi 4, "
       "Sanogo 4, Diabaté 3, Cissé 3, Doumbia 3, Yéo 3, Silué 3, Dosso 3, Camara 3, Tuo 2, "
       "Gnahoré 2, Sylla 2"),
    compound=0.2,
)
GH = Origin(
    "GH",
    _w("Kwame 8, Kofi 7, Yaw 7, Kwabena 6, Kwaku 6, Kwasi 6, Emmanuel 6, Samuel 5, Michael 5, "
       "Mohammed 5, Kojo 4, Kwadwo 4, Isaac 4, Daniel 4, Prince 4, Ebenezer 4, Eric 4, "
       "Joseph 4, Ibrahim 4, Abdul 4, Richard 3, Stephen 3, Francis 3, Issah 3, Yakubu 3, "
       "Fuseini 3, Alhassan 3, Seidu 3, Iddrisu 3, Mahama 3, Kwesi 2, Kobina 2, Ato 2, Nana 2, "
       "Fiifi 2"),
    _w("Ama 5, Akosua 4, Abena 4, Akua 4, Yaa 4, Afia 4, Adwoa 4, Comfort 4, Grace 4, Esi 3, "
       "Efua 3, Gifty 3, Mercy 3, Patience 3, Abigail 3, Fatima 3, Faustina 2, Rita 2, Mavis 2, "
       "Hawa 2, Mariama 2"),
    _w("Mensah 10, Owusu 7, Boateng 7, Asante 6, Osei 6, Appiah 5, Agyei 5, Amoah 5, Adjei 5, "
       "Opoku 5, Ofori 4, Asamoah 4, Darko 4, Acheampong 4, Antwi 4, Addo 4, Ansah 4, Yeboah 4, "
       "Bonsu 3, Gyamfi 3, Frimpong 3, Boakye 3, Sarpong 3, Amponsah 3, Tetteh 3, Danso 3, "
       "Mohammed 3, Abdulai 3, Nkrumah 2, Quaye 2, Iddrisu 2, Issahaku 2, Alhassan 2, "
       "Fuseini 2, Kuffour 2"),
    compound=0.2,
)
NG = Origin(
    "NG",
    _w("Samuel 6, Emmanuel 6, Chinedu 5, Emeka 5, Osagie 5, Godwin 5, John 5, Sunday 5, "
       "Friday 4, Daniel 4, David 4, Peter 4, Joseph 4, Michael 4, Victor 4, Ibrahim 4, Musa 4, "
       "Abubakar 4, Monday 3, Osaro 3, Osas 3, Efosa 3, Ikechukwu 3, Chukwuemeka 3, Nnamdi 3, "
       "Obinna 3, Uchenna 3, Ifeanyi 3, Oluwaseun 3, Tunde 3, Usman 3, Aliyu 3, Suleiman 3, "
       "Kingsley 3, Lucky 3, Stanley 2, Collins 2, Austin 2"),
    _w("Blessing 8, Joy 5, Precious 5, Gift 5, Faith 4, Mercy 4, Favour 4, Esther 3, "
       "Happiness 3, Peace 3, Ngozi 3, Chioma 3, Amaka 3, Aisha 3, Fatima 3, Patience 3, "
       "Osarugue 2, Osasere 2, Adaeze 2, Funmilayo 2, Vivian 2, Success 2, Loveth 2, Glory 2"),
    _w("Okafor 5, Eze 5, Igbinedion 4, Obi 4, Okoro 4, Okonkwo 4, Nwosu 4, Okeke 4, Osagie 4, "
       "Omoregie 4, Bello 4, Mohammed 4, Ogbonna 3, Osaghae 3, Edosa 3, Aigbe 3, Adeyemi 3, "
       "Adebayo 3, Abubakar 3, Ibrahim 3, Musa 3, Yusuf 3, Chukwu 3, Nwachukwu 3, Ugwu 3, "
       "Idahosa 3, Uwaifo 2, Obaseki 2, Ehigiator 2, Ogunleye 2, Olawale 2, Okechukwu 2, "
       "Okpara 2, Ekwueme 2, Iyamu 2"),
    compound=0.3,
)
BF = Origin(
    "BF",
    _w("Adama 6, Moussa 5, Abdoulaye 5, Souleymane 5, Issouf 4, Boukary 4, Salif 4, Seydou 4, "
       "Ousmane 4, Harouna 4, Idrissa 4, Mahamadi 4, Boureima 4, Ibrahim 4, Amadou 4, "
       "Yacouba 4, Rasmané 3, Hamidou 3, Inoussa 3, Lassané 3, Karim 3, Drissa 3, Saïdou 3, "
       "Daouda 3, Aboubacar 3, Sayouba 2, Zakaria 2, Abdoul Karim 2, Arouna 2, Noufou 2, "
       "Bassirou 2, Paul 2, Jean 2"),
    _w("Salimata 4, Awa 4, Mariam 4, Aminata 4, Rasmata 3, Fatimata 3, Assèta 3, Zenabo 2, "
       "Bibata 2, Pauline 2, Alizèta 2, Safiatou 2, Rakieta 2, Habibou 2"),
    _w("Ouédraogo 16, Sawadogo 12, Kaboré 8, Compaoré 6, Zongo 5, Traoré 5, Ouattara 4, "
       "Zoungrana 4, Nikiéma 4, Ilboudo 4, Yaméogo 4, Kiemtoré 3, Tapsoba 3, Bationo 3, "
       "Sanou 3, Kinda 3, Kéré 3, Diallo 3, Bamogo 2, Sankara 2, Tiendrébéogo 2, Belem 2, "
       "Barry 2, Simporé 2, Konaté 2, Zida 2, Congo 2, Guiro 2, Soré 2"),
    compound=0.1,
)
SD = Origin(
    "SD",
    _w("Mohamed 20, Adam 10, Ahmed 8, Ibrahim 7, Abdallah 6, Osman 6, Ali 6, Musa 5, Hassan 5, "
       "Ismail 4, Yahya 4, Issa 4, Abakar 4, Hamid 4, Salih 4, Mustafa 4, Omer 4, Hussein 4, "
       "Abdelrahman 4, Yousif 4, Khalid 4, Suleiman 4, Babiker 3, Idris 3, Bashir 3, Haroun 3, "
       "Nour 3, Abdelaziz 3, Mubarak 3, Ishag 3, Elsadig 2, Elfatih 2, Abdelmoneim 2, Yassir 2, "
       "Jibril 2, Eltayeb 2, Hamza 2, Siddig 2, Awad 2"),
    _w("Mariam 5, Fatima 5, Amna 4, Hawa 4, Khadija 3, Aisha 3, Zainab 3, Asma 2, Safia 2, "
       "Halima 3, Hanan 2, Nafisa 2"),
    (),
    compound=0.0, chain=True,
)
PK = Origin(
    "PK",
    _w("Muhammad 30, Ali 8, Imran 5, Bilal 5, Asif 5, Usman 5, Abdul 5, Ahmed 5, Hamza 4, "
       "Shahid 4, Tariq 4, Waqas 4, Kamran 4, Faisal 4, Naveed 4, Irfan 4, Umar 4, Zeeshan 3, "
       "Adnan 3, Nadeem 3, Arshad 3, Asad 3, Sajid 3, Zahid 3, Khalid 3, Abid 3, Rizwan 3, "
       "Shahzad 3, Junaid 3, Aamir 3, Farhan 3, Waseem 3, Sohail 3, Javed 3, Nasir 3, Naeem 3, "
       "Shoaib 2, Mubashir 2"),
    _w("Ayesha 4, Fatima 4, Nadia 3, Saima 3, Rubina 3, Shazia 3, Sana 3, Amna 3, Samina 3, "
       "Zainab 3, Bushra 2, Nasreen 2"),
    _w("Khan 15, Hussain 8, Malik 7, Ahmed 6, Ali 6, Butt 5, Iqbal 5, Rehman 5, Chaudhry 5, "
       "Shah 5, Akhtar 4, Mahmood 4, Qureshi 4, Abbas 4, Aslam 4, Raza 3, Javed 3, Arshad 3, "
       "Anwar 3, Bashir 3, Rafiq 3, Siddiqui 3, Mirza 3, Sheikh 3, Nawaz 3, Riaz 3, Yousaf 3, "
       "Zafar 3, Akram 3, Saleem 3, Ashraf 3, Afzal 2, Latif 2, Younas 2, Gondal 2, Cheema 2, "
       "Bajwa 2, Gujjar 2, Jutt 2"),
    women_families=_w("Bibi 3, Begum 1"), women_family_share=0.3,
    compound=0.35, prefix="Muhammad",
)
BD = Origin(
    "BD",
    _w("Rahim 3, Karim 3, Jahid 3, Mizanur 3, Shafiqul 3, Rafiqul 3, Aminul 3, Saiful 3, "
       "Rubel 3, Sohel 3, Shahin 3, Kamal 3, Jamal 2, Nazmul 3, Habibur 2, Masud 3, Sumon 3, "
       "Alamgir 3, Faruk 2, Monir 2, Shahidul 2, Mamun 3, Jahangir 2, Rashed 2, Rasel 3, "
       "Sabbir 2, Imran 3, Hasan 3, Liton 2, Rana 3, Shamim 3, Mohiuddin 2, Ziaur 2, Anwar 2, "
       "Delwar 2, Belal 2, Abdul 3, Ariful 2, Kawsar 2, Mostafa 2"),
    _w("Nasrin 4, Shirin 3, Rina 2, Shahnaz 2, Rokeya 2, Fatema 3, Salma 3, Taslima 2, "
       "Rehana 2, Jesmin 2, Sumi 2, Nazma 2, Ayesha 2"),
    _w("Hossain 12, Islam 10, Rahman 9, Miah 8, Uddin 7, Ahmed 6, Alam 5, Khan 5, Haque 5, "
       "Sarker 4, Chowdhury 4, Sheikh 4, Bhuiyan 4, Ali 4, Hasan 4, Molla 3, Talukder 3, "
       "Mondal 3, Biswas 3, Kabir 3, Karim 3, Howlader 3, Mahmud 3, Sikder 2, Munshi 2, "
       "Sardar 2, Babu 2, Akanda 2, Mridha 2, Patwary 2, Khandaker 2, Majumder 2"),
    women_families=_w("Akter 12, Begum 10, Khatun 8"), women_family_share=0.7,
    compound=0.55, prefix="Md",
)
IN = Origin(
    "IN",
    _w("Gurpreet 12, Jaswinder 7, Harpreet 6, Kulwinder 6, Manjit 6, Mandeep 6, "
       "Sukhwinder 5, Harjit 5, Baljit 5, Paramjit 5, Gurdeep 5, Sandeep 5, Kuldeep 5, "
       "Balwinder 5, Ranjit 4, Amarjit 4, Sukhdev 4, Jagdeep 4, Hardeep 4, Navdeep 4, "
       "Rajinder 4, Parminder 4, Lakhwinder 4, Gurjit 4, Satnam 4, Gurwinder 4, Harmanpreet 3, "
       "Jasvir 3, Jaspal 3, Davinder 3, Jagjit 3, Inderjit 3, Sarbjit 3, Jatinder 3"),
    _w("Harpreet 6, Simran 5, Manjit 5, Gurpreet 5, Amandeep 5, Jaswinder 4, Kulwinder 4, "
       "Rajwinder 4, Manpreet 4, Sukhwinder 3, Paramjit 3, Baljit 3, Navneet 3, Ramandeep 3, "
       "Kamaljit 3, Sarbjit 3, Harjinder 3, Parveen 3, Jasleen 2"),
    _w("Sandhu 5, Sidhu 5, Gill 5, Dhillon 4, Grewal 3, Brar 3, Randhawa 3, Bains 2, "
       "Sekhon 2, Virk 2, Mann 3, Dhaliwal 3, Kang 2, Hundal 2, Aulakh 2, Johal 2, Kumar 3, "
       "Sharma 2"),
    compound=0.0, marker=("Singh", "Kaur"), marker_share=0.82,
)
AL = Origin(
    "AL",
    _w("Arben 4, Ilir 4, Gëzim 3, Ervin 4, Dritan 4, Fatmir 3, Klodian 3, Erion 4, Elton 3, "
       "Gentian 3, Kastriot 2, Besnik 3, Artan 3, Altin 3, Sokol 3, Luan 2, Bledar 3, Ardit 2, "
       "Arjan 3, Mariglen 2, Edmond 2, Florian 2, Xhevdet 2, Agim 3, Saimir 2, Julian 2"),
    _w("Elona 3, Anila 3, Mirela 3, Ermira 3, Blerina 3, Dritë 2, Valbona 2, Lindita 2, "
       "Mimoza 2, Entela 2, Rudina 2, Eriola 2"),
    _w("Hoxha 6, Shehu 4, Çela 3, Gjoka 3, Leka 3, Kola 3, Marku 3, Dervishi 3, Basha 3, "
       "Hysa 3, Meta 3, Prifti 2, Xhafa 2, Duka 2, Lika 2, Brahimi 3, Muça 2, Tafa 2, "
       "Kapllani 2, Rama 2, Gjini 2, Koçi 2, Bushati 2, Mema 2, Zeneli 2"),
    compound=0.05,
)

ORIGINS: dict[str, Origin] = {o.country: o for o in (
    MA, TN, SN, GM, ML, GN, CI, GH, NG, BF, SD, PK, BD, IN, AL)}

# Spellings of one name as different operators type it ("/" separates them).
VARIANTS = _variants(
    "Mohamed/Muhammad/Mohammed/Mohamad/Mohammad/Mehmet/Mouhamed/Muhammed, Md/Md./Mohammad, "
    "Ahmed/Ahmad/Ahmet, Mamadou/Mamadu/Momodou/Mammadou, Ousmane/Usman/Osman/Othman/Ousman/Usmane, "
    "Abdel Rahman/Abderrahmane/Abdurrahman/Abdelrahman/Abdul Rahman/Abdourahmane, "
    "Diallo/Jallow/Djallo/Jalloh, Ouédraogo/Ouedraogo/Wedraogo/Ouedraougo, "
    "Hossain/Hussain/Hossein/Hussein/Hosen/Husain/Hossen, Gurpreet/Gurprit/Gurpreeth, "
    "Cheikh/Sheikh/Shaikh/Cheick/Sheik, Youssef/Yusuf/Youssouf/Yousef/Yousif/Yusupha/Yousaf, "
    "Ibrahima/Ibrahim/Ebrahim/Brahima/Ebrima/Brahim, "
    "Abdoulaye/Abdullahi/Abdallah/Abdoulie/Abdullah/Abdellah/Abdulai, Traoré/Traore/Trawally, "
    "N'Diaye/Ndiaye/N Diaye/Njie/Ndiay, Mustapha/Mustafa/Moustapha, "
    "Abdelkader/Abdel Kader/Abdulkadir, Rachid/Rashid/Rasheed, Said/Saïd/Saeed/Sayed, "
    "Hassan/Hasan/Hassane, Omar/Umar/Oumar/Omer, Ali/Aly/Alì, Lamin/Lamine/Al Amin, "
    "Moussa/Musa/Mousa/Musah, Boubacar/Bubacarr/Abubakar/Aboubacar/Babucarr/Boubakar, "
    "Souleymane/Suleiman/Sulayman/Sulaiman/Suleyman, Idrissa/Idrisa/Drissa/Iddrisu/Idris, "
    "Seydou/Saidou/Seidu/Saïdou, Modou/Modu/Moudou, Alieu/Aliou/Aliu/Alioune, "
    "Fatoumata/Fatoumatta/Fatumata/Fatimata, Fatou/Fatu, Fatima/Fatma/Fatimah/Fatema, "
    "Aminata/Aminatta/Aminatou, Mariam/Mariama/Maryam/Meryem/Mariem/Mariame, "
    "Khadija/Khadidja/Khadijah/Kadija, Kadiatou/Kadiatu/Khadiatou, "
    "Aissatou/Aïssatou/Isatou/Aissata, Aicha/Aïcha/Aisha/Ayesha/Aysha, "
    "Coulibaly/Kulibali/Coulibali, Keita/Keïta/Kaita, Touré/Toure/Ture, Koné/Kone, "
    "Sawadogo/Savadogo/Sawadougou, Kaboré/Kabore, Compaoré/Compaore, "
    "Ceesay/Cissé/Cisse/Sise/Sisay, Touray/Turay, Diop/Jobe/Diope, Sow/Sowe, Bah/Ba/Baa, "
    "Barry/Bari/Barrie, Sylla/Silla/Sillah, Camara/Kamara, Konaté/Konate/Konateh, "
    "Sanneh/Sané/Sane, Jatta/Diatta, Darboe/Darbo, Fofana/Fofanah, Kouyaté/Kouyate/Kuyateh, "
    "Sissoko/Sisoko/Cissoko, Dembélé/Dembele, Diarra/Jarra/Diara, Sidibé/Sidibe, "
    "Kouassi/Kwasi/Kwesi/Kouasi, Kouamé/Kouame/Kwame, Koffi/Kofi/Coffi, Yao/Yaw/Yaou, "
    "Kwabena/Kouabena/Kobina, Kwaku/Kouakou, Mensah/Mensa, Owusu/Owuzu, Asante/Asanti, "
    "Appiah/Apiah/Appia, Chinedu/Chinedum, Oluwaseun/Oluseun, Chukwuemeka/Chukwu Emeka, "
    "Nnamdi/Namdi, Obinna/Obina, Uchenna/Uchena, Ogbonna/Ogbona, Osagie/Osaghie, Okafor/Okafour, "
    "Igbinedion/Igbinidion, Harpreet/Harprit/Harpret, Jaswinder/Jasvinder/Jaswindar, "
    "Kulwinder/Kulvinder, Sukhwinder/Sukhvinder, Harjit/Harjeet, Manjit/Manjeet, Baljit/Baljeet, "
    "Paramjit/Paramjeet, Ranjit/Ranjeet, Amarjit/Amarjeet, Gurdeep/Gurdip, Mandeep/Mandip, "
    "Sandeep/Sandip, Jagdeep/Jagdip, Hardeep/Hardip, Kuldeep/Kuldip, Navdeep/Navdip, "
    "Rajinder/Rajender, Balwinder/Balvinder, Lakhwinder/Lakhvinder, Gurjit/Gurjeet, "
    "Sarbjit/Sarabjit, Kaur/Kour, Sandhu/Sandu, Sidhu/Sidu, Dhillon/Dhilon, Gill/Gil, "
    "Imran/Emran, Bilal/Belal/Bilel, Hamza/Hamzah, Zeeshan/Zishan, Tariq/Tarik/Tarek, "
    "Waqas/Waqqas, Faisal/Faysal/Fayçal, Nadeem/Nadim, Naveed/Navid, Irfan/Erfan, Aamir/Amir/Amer, "
    "Waseem/Wasim, Sohail/Sohel/Suhail, Javed/Javaid/Jawed, Khan/Kan, Iqbal/Ikbal, Malik/Malek, "
    "Akhtar/Akhter/Akter, Mahmood/Mahmoud/Mahmud/Mehmood, Rahman/Rehman/Rahaman, "
    "Chaudhry/Chaudhary/Chaudhri, Chowdhury/Choudhury/Chowdhuri, Qureshi/Kureshi, "
    "Uddin/Udin/Ud Din, Islam/Eslam, Miah/Mia/Mian, Alam/Alom, Haque/Hoque/Haq, Sarker/Sarkar, "
    "Begum/Begam, Khatun/Khatoon, Molla/Mollah, Talukder/Talukdar, Bhuiyan/Bhuiya/Bhuyan, "
    "Mondal/Mandal, Karim/Kareem/Carim, Rahim/Raheem, Jahid/Zahid/Jahed, Mizanur/Mijanur, "
    "Shafiqul/Shafikul, Rafiqul/Rafikul, Masud/Masood/Massoud, Shahin/Shaheen, Kamal/Kamel, "
    "Jamal/Djamel, Faruk/Farooq/Farouk, Rasel/Russel, Abdelaziz/Abdel Aziz/Abdulaziz, "
    "Abderrahim/Abdel Rahim/Abdurrahim, Noureddine/Nour Eddine/Nureddin, Redouane/Redwan/Ridwan, "
    "Soufiane/Sofiane/Sufyan, Zakaria/Zakariya/Zakariae, Ismail/Ismael/Esmail, "
    "Younes/Younis/Yunus, Hicham/Hisham/Hichem, Mourad/Murad, Seifeddine/Saifeddine/Seif Eddine, "
    "Oussama/Usama/Osama/Oussema, Achraf/Ashraf, Haythem/Haitham/Haithem, Houssem/Houcem/Hossam, "
    "Khaled/Khalid/Khaleed, Yahya/Yahia/Yehia, Issa/Isa/Eissa, Abakar/Abaker/Abbakar, "
    "Salih/Saleh/Salah, Hamid/Hamed/Hameed, Babiker/Babikir, Elsadig/Al Sadiq/Sadiq, "
    "Ishag/Ishaq/Ishak, Haroun/Harun/Aroun, Nour/Noor/Nur, El Hadji/Alhagie/Elhadj/Alhaji, "
    "Sheriff/Chérif/Cherif/Sharif, Trabelsi/Trabelssi/Tarabulsi, Ben Salah/Ben Saleh/Bensalah, "
    "Ben Ali/Benali, El Idrissi/Idrissi/El Idrissy, El Amrani/Amrani/Elamrani, Alaoui/Alawi/Alaui, "
    "Ouattara/Wattara/Watara, N'Guessan/Nguessan/N Guessan, Diomandé/Diomande, Hoxha/Hoxa/Hodja, "
    "Çela/Cela/Ciela, Shehu/Sheu, Xhafa/Giafa, Gjoka/Gioka, Muça/Muca/Mucia, Koçi/Koci, "
    "Gëzim/Gezim, Xhevdet/Gevdet, Dritë/Drita, Kapllani/Kaplani"
)

# The original script of common Maghrebi and Sudanese name elements (typed by a mediator).
ARABIC: dict[str, str] = {
    "Mohamed": "محمد", "Ahmed": "أحمد", "Youssef": "يوسف", "Rachid": "رشيد", "Hassan": "حسن",
    "Said": "سعيد", "Mustapha": "مصطفى", "Mustafa": "مصطفى", "Khalid": "خالد", "Hamza": "حمزة",
    "Omar": "عمر", "Omer": "عمر", "Ayoub": "أيوب", "Brahim": "ابراهيم", "Ibrahim": "إبراهيم",
    "Abdellah": "عبد الله", "Abdallah": "عبد الله", "Abdelkader": "عبد القادر", "Ali": "علي",
    "Abdelaziz": "عبد العزيز", "Karim": "كريم", "Hicham": "هشام", "Adil": "عادل",
    "Amine": "أمين", "Walid": "وليد", "Khaled": "خالد", "Mehdi": "مهدي", "Hamid": "حميد",
    "Adam": "آدم", "Osman": "عثمان", "Musa": "موسى", "Ismail": "إسماعيل", "Yahya": "يحيى",
    "Issa": "عيسى", "Salih": "صالح", "Hussein": "حسين", "Abdelrahman": "عبد الرحمن",
    "Yousif": "يوسف", "Suleiman": "سليمان", "Idris": "إدريس", "Bashir": "بشير",
    "Fatima": "فاطمة", "Fatma": "فاطمة", "Khadija": "خديجة", "Aicha": "عائشة", "Amina": "أمينة",
    "Mariam": "مريم", "Hawa": "حواء", "Samira": "سميرة", "Naima": "نعيمة", "Salma": "سلمى",
    "El Amrani": "العمراني", "El Idrissi": "الإدريسي", "Alaoui": "العلوي", "Benali": "بن علي",
    "El Mansouri": "المنصوري", "Bouzid": "بوزيد", "Bennani": "بناني", "Haddad": "حداد",
    "Trabelsi": "الطرابلسي", "Ben Ali": "بن علي", "Ben Salah": "بن صالح", "Jebali": "الجبالي",
    "Gharbi": "الغربي", "Hammami": "الحمامي", "Jlassi": "الجلاصي", "Mejri": "الماجري",
}

# --- places ------------------------------------------------------------------------------------
# The five regions of Su.Pr.Eme.2 and their 46 hubs (DOMAIN.md): BAS-H01..H02 ... SIC-H01..H09.
REGIONS = ("BAS", "CAL", "CAM", "PUG", "SIC")
HUBS = {r: tuple(f"{r}-H{i:02d}" for i in range(1, n + 1))
        for r, n in (("BAS", 2), ("CAL", 5), ("CAM", 19), ("PUG", 11), ("SIC", 9))}
# Where people of an origin are first registered (weights in REGIONS order): West Africans
# mostly in Puglia and Calabria, Sikhs in the Piana del Sele and Caserta, Tunisians in Ragusa's
# greenhouses, Albanians in Puglia, Ghanaians and Nigerians in Castel Volturno.
REGION_WEIGHTS = {
    **dict.fromkeys(("SN", "GM", "ML", "GN", "CI", "BF"), (12, 25, 15, 35, 13)),
    "IN": (5, 10, 60, 15, 10), "TN": (5, 5, 10, 10, 70), "AL": (15, 10, 15, 50, 10),
    "BD": (5, 5, 40, 10, 40), "PK": (10, 10, 40, 20, 20), "MA": (13, 24, 40, 38, 35),
    "GH": (10, 10, 45, 20, 15), "NG": (10, 10, 45, 20, 15), "SD": (10, 20, 20, 35, 15),
}
# The harvests: Campania (spring) -> Puglia, Basilicata (summer) -> Sicily (autumn) ->
# Calabria (winter) -> Campania.
CIRCUIT = {"CAM": ("PUG", "PUG", "BAS"), "PUG": ("SIC",), "BAS": ("SIC",), "SIC": ("CAL",),
           "CAL": ("CAM",)}
# Farm towns where people live, by region.
TOWNS = {
    "PUG": _w("Foggia 5, San Severo 4, Cerignola 4, Manfredonia 4, Lucera 2, Orta Nova 2, "
              "Stornara 2, Rignano Garganico 2, Zapponeta, Trinitapoli, Nardò 2, Castellaneta, "
              "Palagiano, Andria, Canosa di Puglia"),
    "CAL": _w("Rosarno 5, San Ferdinando 5, Gioia Tauro 3, Rizziconi 2, Taurianova 2, "
              "Cassano all'Ionio 2, Corigliano-Rossano 3, Isola di Capo Rizzuto 2, "
              "Lamezia Terme, Crotone"),
    "CAM": _w("Castel Volturno 6, Caserta 3, Mondragone 3, Villa Literno 3, "
              "Cancello ed Arnone 2, Grazzanise, Casal di Principe 2, Eboli 4, Battipaglia 4, "
              "Capaccio Paestum 3, Pontecagnano Faiano 2, Altavilla Silentina, Sarno, "
              "San Giuseppe Vesuviano, Giugliano in Campania 2"),
    "SIC": _w("Vittoria 5, Ragusa 3, Acate 3, Santa Croce Camerina 2, Comiso, Scicli, Ispica, "
              "Pachino, Siracusa, Campobello di Mazara 4, Castelvetrano 3, Mazara del Vallo 2, "
              "Marsala 2, Paternò 2, Lentini, Gela, Licata, Alcamo, Partinico"),
    "BAS": _w("Palazzo San Gervasio 4, Venosa 3, Lavello 3, Policoro 3, Scanzano Jonico 2, "
              "Bernalda 2, Montescaglioso, Banzi"),
}
# fmt: on
