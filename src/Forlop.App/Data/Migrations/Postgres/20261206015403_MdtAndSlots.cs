using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Forlop.App.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MdtAndSlots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "mdt_list_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    meeting_id = table.Column<long>(type: "bigint", nullable: false),
                    episode_id = table.Column<long>(type: "bigint", nullable: false),
                    question = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    added_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    decision = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: true),
                    carried_out_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    due_by = table.Column<DateOnly>(type: "date", nullable: true),
                    decision_event_id = table.Column<long>(type: "bigint", nullable: true),
                    decision_code = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_list_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mdt_meetings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    time = table.Column<TimeOnly>(type: "time without time zone", nullable: false),
                    convened_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    convened_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_meetings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mdt_team_members",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_team_members", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "mdt_teams",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    pathways = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    every_days = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mdt_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reserved_slots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    hf = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    unit = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    resource = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    starts_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    minutes = table.Column<int>(type: "integer", nullable: false),
                    release_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    published_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    published_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    episode_id = table.Column<long>(type: "bigint", nullable: true),
                    deadline_at_booking = table.Column<DateOnly>(type: "date", nullable: true),
                    booked_by = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    booked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    released_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reserved_slots", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mdt_list_entries_episode_id",
                table: "mdt_list_entries",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_list_entries_meeting_id_episode_id",
                table: "mdt_list_entries",
                columns: new[] { "meeting_id", "episode_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mdt_meetings_hf_date",
                table: "mdt_meetings",
                columns: new[] { "hf", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_mdt_meetings_team_id_date",
                table: "mdt_meetings",
                columns: new[] { "team_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_mdt_team_members_team_id",
                table: "mdt_team_members",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_mdt_teams_hf",
                table: "mdt_teams",
                column: "hf");

            migrationBuilder.CreateIndex(
                name: "ix_reserved_slots_episode_id",
                table: "reserved_slots",
                column: "episode_id");

            migrationBuilder.CreateIndex(
                name: "ix_reserved_slots_hf_starts_at",
                table: "reserved_slots",
                columns: new[] { "hf", "starts_at" });

            migrationBuilder.CreateIndex(
                name: "ix_reserved_slots_release_at",
                table: "reserved_slots",
                column: "release_at");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mdt_list_entries");

            migrationBuilder.DropTable(
                name: "mdt_meetings");

            migrationBuilder.DropTable(
                name: "mdt_team_members");

            migrationBuilder.DropTable(
                name: "mdt_teams");

            migrationBuilder.DropTable(
                name: "reserved_slots");
        }
    }
}
