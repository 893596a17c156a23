using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Forlop.App.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContactPointsAndHjem : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catchments",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    hf = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    municipality = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    placeholder = table.Column<bool>(type: "INTEGER", nullable: false),
                    set_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    set_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catchments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "contact_points",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    owner = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    family = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    phone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    hours = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    address = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    placeholder = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_contact_points", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hjem_conversations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    hand_over_id = table.Column<long>(type: "INTEGER", nullable: false),
                    touchpoint = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    held_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hjem_conversations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hjem_hand_overs",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    episode_id = table.Column<long>(type: "INTEGER", nullable: false),
                    hf = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    municipality = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    diagnosed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    assessed_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    topics = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    handed_over_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    handed_over_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    received_by = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hjem_hand_overs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catchments_hf_municipality",
                table: "catchments",
                columns: new[] { "hf", "municipality" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_contact_points_kind_owner_family",
                table: "contact_points",
                columns: new[] { "kind", "owner", "family" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hjem_conversations_hand_over_id_touchpoint",
                table: "hjem_conversations",
                columns: new[] { "hand_over_id", "touchpoint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hjem_hand_overs_episode_id",
                table: "hjem_hand_overs",
                column: "episode_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hjem_hand_overs_hf",
                table: "hjem_hand_overs",
                column: "hf");

            migrationBuilder.CreateIndex(
                name: "ix_hjem_hand_overs_municipality",
                table: "hjem_hand_overs",
                column: "municipality");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catchments");

            migrationBuilder.DropTable(
                name: "contact_points");

            migrationBuilder.DropTable(
                name: "hjem_conversations");

            migrationBuilder.DropTable(
                name: "hjem_hand_overs");
        }
    }
}
