#!/usr/bin/perl
# Reference peer for the MARC-8 differential test: decodes every record of an ISO 2709 file with
# Perl's MARC::Charset (Debian libmarc-charset-perl) and prints it as MARC-in-JSON, one record per
# line, so the test can compare it subfield by subfield with katalog's decoding.
#
#   perl Scripts/marc8-peer.pl FILE.mrc > FILE.charset.ndjson
#
# MARC::Charset decodes one string at a time: each subfield (and each control field) starts in the
# default sets, as LC's rules say each field does. Records MARC::Record cannot parse are printed as
# {"error": "..."} so that record numbers stay aligned.
use strict;
use warnings;
use MARC::Batch;
use MARC::Charset qw(marc8_to_utf8);
use JSON::PP;

MARC::Charset->ignore_errors(1);
MARC::Charset->assume_unicode(0);
my $json = JSON::PP->new->canonical(1);
binmode(STDOUT, ':raw');

my $batch = MARC::Batch->new('USMARC', $ARGV[0]);
$batch->strict_off();
$batch->warnings_off();
while (1) {
    my $record = eval { $batch->next() };
    if ($@) { print $json->encode({ error => "$@" }), "\n"; next; }
    last unless defined $record;
    my @fields;
    for my $field ($record->fields()) {
        if ($field->is_control_field()) {
            push @fields, { $field->tag() => decode_marc8($field->data()) };
            next;
        }
        my @subfields;
        for my $sf ($field->subfields()) {
            push @subfields, { $sf->[0] => decode_marc8($sf->[1]) };
        }
        push @fields, { $field->tag() => { ind1 => $field->indicator(1), ind2 => $field->indicator(2),
            subfields => \@subfields } };
    }
    my $leader = $record->leader();
    substr($leader, 9, 1) = 'a' if length($leader) >= 10;
    print $json->encode({ leader => $leader, fields => \@fields }), "\n";
}

sub decode_marc8 {
    my ($bytes) = @_;
    my $text = marc8_to_utf8($bytes);
    $text = '' unless defined $text;
    utf8::encode($text);   # JSON::PP gets bytes and is told nothing: keep them as they are
    return $text;
}
